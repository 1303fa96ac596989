import * as fs from "fs";
import * as path from "path";

/** The Pulumi package name: type tokens are `berth:index:<ClassName>`. */
export const packageName = "berth";

/**
 * provider/ in the source tree, whether this module runs from provider/*.ts or
 * compiled from dist/provider/*.js: the golden schema and PulumiPlugin.yaml live there.
 */
export const providerDir = fs.existsSync(path.join(__dirname, "PulumiPlugin.yaml"))
    ? __dirname
    : path.resolve(__dirname, "..", "..", "provider");

/** berth's own package.json (the repository root's): one version and description for npm and the schema. */
export function packageInfo(): { version: string; description?: string } {
    const manifest = JSON.parse(fs.readFileSync(path.join(providerDir, "..", "package.json"), "utf8")) as { version: string; description?: string };
    return { version: manifest.version, description: manifest.description };
}
