import * as childProcess from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "./repo-root";

/** What the figures were measured on and with, for results.md. */
export interface Machine {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    os: string;
    node: string;
    packages: Record<string, string>;
    commit: string;
}

const root = repoRoot();

export function describeMachine(): Machine {
    const packages: Record<string, string> = { berth: packageVersion(".") };
    for (const name of ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/docker", "zod", "typescript"]) {
        packages[name] = packageVersion(path.join("node_modules", name));
    }
    return {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
        memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        packages,
        commit: gitCommit(),
    };
}

/** The 1, 5 and 15 minute load averages, rounded. */
export function loadAverage(): number[] {
    return os.loadavg().map((load) => Math.round(load * 10) / 10);
}

function packageVersion(dir: string): string {
    try {
        return JSON.parse(fs.readFileSync(path.join(root, dir, "package.json"), "utf8")).version;
    } catch {
        return "not installed";
    }
}

function gitCommit(): string {
    const git = (...args: string[]) => childProcess.execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
    try {
        const dirty = git("status", "--porcelain", "--", "components", "bench").length > 0;
        return `${git("rev-parse", "--short", "HEAD")}${dirty ? " (components/ or bench/ modified)" : ""}`;
    } catch {
        return "unknown";
    }
}
