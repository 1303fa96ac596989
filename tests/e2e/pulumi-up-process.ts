import * as fs from "fs";
import * as path from "path";
import { ChildProcess, spawn } from "child_process";
import { E2EStack } from "./stack";

/**
 * `pulumi up` of an E2EStack run as a child process of this one, so a test can
 * fault it while it runs: wait for a line of its progress output, send it
 * SIGINT, or freeze its Kubernetes provider plugin for a moment. (The
 * Automation API hides the CLI's process.) Its output is kept for assertions.
 */
export class PulumiUpProcess {
    private output = "";
    private readonly waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
    /** Resolves with the exit code (or the signal's name) once the CLI has exited. */
    readonly exited: Promise<number | string>;

    private constructor(private readonly child: ChildProcess) {
        const onData = (chunk: Buffer) => {
            this.output += chunk.toString("utf8");
            for (const waiter of [...this.waiters]) {
                const line = this.output.split("\n").find((l) => waiter.pattern.test(l));
                if (line !== undefined) {
                    this.waiters.splice(this.waiters.indexOf(waiter), 1);
                    waiter.resolve(line);
                }
            }
        };
        child.stdout!.on("data", onData);
        child.stderr!.on("data", onData);
        this.exited = new Promise((resolve, reject) => {
            child.on("error", reject);
            child.on("close", (code, signal) => resolve(code ?? signal ?? "unknown"));
        });
    }

    /** Starts `pulumi up --yes --skip-preview` of the stack, as the Automation API's up runs it. */
    static start(stack: E2EStack): PulumiUpProcess {
        const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--color", "never", "--stack", stack.stack.name], {
            cwd: stack.projectDir,
            env: { ...process.env, ...stack.env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        return new PulumiUpProcess(child);
    }

    /** Everything the CLI printed so far, stdout and stderr interleaved. */
    get text(): string {
        return this.output;
    }

    /**
     * Resolves with the first output line matching pattern; rejects when the CLI
     * exits without printing one, or after timeoutMs.
     */
    waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
        return new Promise((resolve, reject) => {
            const line = this.output.split("\n").find((l) => pattern.test(l));
            if (line !== undefined) {
                resolve(line);
                return;
            }
            const fail = (why: string) => reject(new Error(`pulumi up ${why} before printing a line matching ${pattern}; its output:\n${this.output}`));
            const timer = setTimeout(() => fail(`ran ${timeoutMs / 1000} s`), timeoutMs);
            this.waiters.push({
                pattern,
                resolve: (found) => {
                    clearTimeout(timer);
                    resolve(found);
                },
            });
            void this.exited.then((code) => {
                clearTimeout(timer);
                fail(`exited (${code})`);
            });
        });
    }

    /** Sends SIGINT to the CLI, as Ctrl-C in a terminal would. */
    interrupt(): void {
        this.child.kill("SIGINT");
    }

    /**
     * Stops (SIGSTOP) the Kubernetes provider plugins the CLI started, or
     * continues them (SIGCONT). A frozen provider sends and finishes no request,
     * which pins a fault to the step that is in flight: unfrozen, the rest of
     * an up with skipAwait takes well under a second.
     */
    freezeProvider(frozen: boolean): void {
        const pids = childPids(this.child.pid!).filter((pid) => path.basename(argv0(pid)) === "pulumi-resource-kubernetes");
        if (pids.length === 0) {
            throw new Error(`pulumi up (pid ${this.child.pid}) runs no Kubernetes provider plugin`);
        }
        for (const pid of pids) {
            process.kill(pid, frozen ? "SIGSTOP" : "SIGCONT");
        }
    }
}

/** The pids whose parent is pid, read from /proc. */
function childPids(pid: number): number[] {
    return fs
        .readdirSync("/proc")
        .filter((entry) => /^\d+$/.test(entry))
        .filter((entry) => {
            try {
                // The fields after "(comm)" start with the state, then the parent pid.
                const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
                return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
            } catch {
                return false; // exited meanwhile
            }
        })
        .map(Number);
}

function argv0(pid: number): string {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
    } catch {
        return "";
    }
}
