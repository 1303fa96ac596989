/*
 * The engine a round runs on: the one that answers, else tools/docker/dockerd
 * started for the round (under the lock) and stopped after it, as the e2e
 * suites do, so the benchmark leaves the machine's engine as it found it.
 */
import { spawnSync } from "child_process";
import * as path from "path";

export class LocalEngine {
    private constructor(
        private readonly script: string,
        private readonly startedHere: boolean,
    ) {}

    static ensure(root: string, log: (line: string) => void): LocalEngine {
        const script = path.join(root, "tools", "docker", "dockerd");
        if (spawnSync(script, ["status"], { cwd: root, stdio: "ignore" }).status === 0) {
            return new LocalEngine(script, false);
        }
        log("no Docker engine answers: starting one for this round (tools/docker/dockerd start)");
        const start = spawnSync(script, ["start"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
        if (start.status !== 0) {
            throw new Error(`tools/docker/dockerd start exited ${start.status}: no Docker engine to measure on`);
        }
        return new LocalEngine(script, true);
    }

    /** Stops dockerd if this round started it. */
    release(): void {
        if (this.startedHere) {
            spawnSync(this.script, ["stop"], { stdio: ["ignore", "inherit", "inherit"] });
        }
    }
}
