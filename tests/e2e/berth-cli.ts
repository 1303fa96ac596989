import { spawn, spawnSync } from "child_process";
import * as path from "path";
import { repoRoot } from "./tools";

/*
 * Runs the `berth` command as a user does: the built bin, in a Pulumi
 * project directory, with the stack's backend and passphrase in the
 * environment.
 */

const bin = path.join(repoRoot, "dist", "cli", "berth.js");

export interface BerthRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** `berth <args>` to its end. */
export function berth(args: string[], options: { cwd: string; env: Record<string, string> }): BerthRun {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: "utf8", timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `berth <args>` without blocking this process (which may be serving it, as the engine recorder does). */
export function berthAsync(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<BerthRun> {
    return berthFor(undefined, args, options);
}

/** `berth <args>` interrupted (SIGINT, as Ctrl-C) after `ms`: for --follow and --watch. */
export function berthFor(ms: number | undefined, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<BerthRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        const timer = setTimeout(() => child.kill("SIGINT"), ms ?? 120_000);
        const killer = setTimeout(() => child.kill("SIGKILL"), (ms ?? 120_000) + 15_000);
        child.on("error", reject);
        child.on("close", (status) => {
            clearTimeout(timer);
            clearTimeout(killer);
            resolve({ status, stdout, stderr });
        });
    });
}
