/*
 * The plugin's entry (provider/package.json "main", compiled to
 * dist/provider/main.js): the Node.js language host runs it for
 * `pulumi package add ./provider`, `pulumi package get-schema ./provider` and
 * every program that uses berth from another language.
 */
import { serve } from "./berth-provider";

serve(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
});
