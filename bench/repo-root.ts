import * as fs from "fs";
import * as path from "path";

/** The berth checkout this code was compiled from: the nearest folder above with berth's package.json. */
export function repoRoot(): string {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "berth") {
            return dir;
        }
    }
    throw new Error(`no berth package.json above ${__dirname}`);
}
