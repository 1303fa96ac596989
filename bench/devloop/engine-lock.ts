/* Holds a flock(1) lock file (e.g. the shared e2e lock) while a round touches the engine, so suites sharing the engine wait for it. */
import { ChildProcess, spawn } from "child_process";

export class EngineLock {
    private constructor(private readonly holder: ChildProcess) {}

    /** Waits until the lock is ours; `flock` keeps it while its `cat` reads an open stdin. */
    static acquire(file: string): Promise<EngineLock> {
        return new Promise((resolve, reject) => {
            const holder = spawn("flock", [file, "sh", "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
            holder.stdout!.once("data", () => resolve(new EngineLock(holder)));
            holder.once("error", reject);
            holder.once("exit", (code) => reject(new Error(`flock ${file} exited ${code} before taking the lock`)));
        });
    }

    /** Closes the holder's stdin: `cat` ends, flock lets go. */
    release(): Promise<void> {
        return new Promise((resolve) => {
            this.holder.removeAllListeners("exit");
            this.holder.once("exit", () => resolve());
            this.holder.stdin!.end();
        });
    }
}
