import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";

/** The repository root (tests run from dist/tests/e2e). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");

const toolsCache = process.env.BERTH_TOOLS_CACHE ?? path.join(os.homedir(), ".cache", "berth-tools");

/**
 * Makes the Pulumi CLI and plugins built by tools/bootstrap available to this
 * process: reads the `export NAME=value` lines of the cache's env.sh. Throws
 * with the command to run when the tools have not been built.
 */
export function useBuiltTools(): void {
    const envFile = path.join(toolsCache, "env.sh");
    if (!fs.existsSync(envFile)) {
        throw new Error(`${envFile} does not exist: run tools/bootstrap first (it builds the Pulumi CLI and plugins)`);
    }
    for (const line of fs.readFileSync(envFile, "utf8").split("\n")) {
        const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
        if (match) {
            process.env[match[1]] = unquote(match[2]).replace(/\$([A-Z_][A-Z0-9_]*)|\$\{([A-Z_][A-Z0-9_]*)\}/g, (_m, a, b) => process.env[a ?? b] ?? "");
        }
    }
    process.env.PULUMI_SKIP_UPDATE_CHECK = "1";
    execFileSync("pulumi", ["version"], { stdio: "ignore" });
}

function unquote(value: string): string {
    const trimmed = value.trim();
    if ((trimmed.startsWith('"') && trimmed.endsWith('"')) || (trimmed.startsWith("'") && trimmed.endsWith("'"))) {
        return trimmed.slice(1, -1);
    }
    return trimmed;
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
