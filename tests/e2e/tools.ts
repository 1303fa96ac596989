import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";

/** The repository root (tests run from dist/tests/e2e). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");

const toolsCache = process.env.BERTH_TOOLS_CACHE ?? path.join(os.homedir(), ".cache", "berth-tools");

/**
 * Makes the Pulumi CLI and plugins built by tools/bootstrap available to this
 * process: sources the cache's env.sh in bash and takes over the environment
 * it leaves. Throws with the command to run when the tools have not been built.
 */
export function useBuiltTools(): void {
    const envFile = path.join(toolsCache, "env.sh");
    if (!fs.existsSync(envFile)) {
        throw new Error(`${envFile} does not exist: run tools/bootstrap first (it builds the Pulumi CLI and plugins)`);
    }
    const dump = execFileSync("bash", ["-c", '. "$1" && env -0', "bash", envFile], { encoding: "utf8" });
    for (const entry of dump.split("\0")) {
        const equals = entry.indexOf("=");
        if (equals > 0) {
            process.env[entry.slice(0, equals)] = entry.slice(equals + 1);
        }
    }
    process.env.PULUMI_SKIP_UPDATE_CHECK = "1";
    execFileSync("pulumi", ["version"], { stdio: "ignore" });
}

/** Runs a repository script and returns its stdout; throws with its output on failure. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
    return execFileSync(path.join(repoRoot, script), args, {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 64 * 1024 * 1024,
    });
}
