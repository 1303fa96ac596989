import { execFile } from "child_process";
import { StateReadError } from "./exported-state";

/*
 * Reads a stack's state through the Pulumi CLI, as the user's own `pulumi`
 * commands would: in the project directory, with their backend login or
 * PULUMI_BACKEND_URL. Never with --show-secrets: the export keeps secrets
 * encrypted and needs no passphrase.
 */

/** `pulumi stack export [--stack S]` in `cwd`; the current stack when none is named. */
export function exportStack(stack: string | undefined, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
    const args = ["stack", "export", ...(stack === undefined ? [] : ["--stack", stack])];
    return new Promise((resolve, reject) => {
        execFile("pulumi", args, { cwd, env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "1" }, maxBuffer: 512 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
            if (error === null) {
                resolve(stdout);
                return;
            }
            const code = (error as NodeJS.ErrnoException).code;
            if (code === "ENOENT") {
                reject(new StateReadError("the Pulumi CLI is not on PATH: install it, or pass the state of `pulumi stack export` with --state <file>"));
                return;
            }
            const said = stderr.trim().replace(/^error: /, "") || error.message;
            reject(new StateReadError(`pulumi ${args.join(" ")} (in ${cwd}) failed: ${said}`));
        });
    });
}
