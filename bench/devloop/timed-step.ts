/*
 * One step of the loop, timed from outside as a user waits for it: the tool's
 * command (CPU of its whole process tree from GNU time), then, for both tools
 * alike, polling the engine every 100 ms until the stack is where the step
 * leaves it (every container healthy, or all gone).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import { CommandSpec, DevLoop, expectedContainers } from "./dev-loop";
import { ContainerSummary } from "./docker-api";
import { shopNetworks } from "./snapshot";

export interface StepTiming {
    /** From starting the command until the stack was where the step leaves it. */
    wallS: number;
    /** The command alone, until it exited. */
    commandS: number;
    /** User + system CPU of the command and every process it waited for (not dockerd's). */
    cpuS: number;
    /** 1-minute load average just before the step. */
    load: number;
}

const pollMs = 100;
const timeoutMs = 180_000;

/** Runs the command, then waits until every container is running and healthy. */
export async function stepUntilHealthy(loop: DevLoop, spec: CommandSpec, logFile: string): Promise<StepTiming> {
    return timed(spec, logFile, async () => {
        const containers = await loop.containers();
        return containers.length === expectedContainers && containers.every(isHealthy);
    });
}

/** Runs the command, then waits until no container of the stack and none of its networks is left. */
export async function stepUntilGone(loop: DevLoop, spec: CommandSpec, logFile: string): Promise<StepTiming> {
    return timed(spec, logFile, async () => (await loop.containers()).length === 0 && (await shopNetworks()).length === 0);
}

function isHealthy(container: ContainerSummary): boolean {
    return container.State === "running" && container.Status.includes("(healthy)");
}

async function timed(spec: CommandSpec, logFile: string, done: () => Promise<boolean>): Promise<StepTiming> {
    const load = os.loadavg()[0];
    const timeFile = `${logFile}.time`;
    fs.appendFileSync(logFile, `\n$ ${spec.command} ${spec.args.join(" ")}\n`);
    const log = fs.openSync(logFile, "a");
    const started = process.hrtime.bigint();
    const exitCode = await new Promise<number | null>((resolve, reject) => {
        const child = spawn("/usr/bin/time", ["-f", "%U %S", "-o", timeFile, spec.command, ...spec.args], {
            cwd: spec.cwd,
            env: spec.env,
            stdio: ["ignore", log, log],
        });
        child.once("error", reject);
        child.once("exit", (code) => resolve(code));
    });
    const exited = process.hrtime.bigint();
    fs.closeSync(log);
    if (exitCode !== 0) {
        const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
        throw new Error(`${spec.command} ${spec.args.join(" ")} exited ${exitCode}; the end of ${logFile}:\n${tail}`);
    }
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
        if (Date.now() > deadline) {
            throw new Error(`${spec.command} ${spec.args.join(" ")}: the stack did not settle within ${timeoutMs / 1000} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    const settled = process.hrtime.bigint();
    const [user, system] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
    return {
        wallS: Number(settled - started) / 1e9,
        commandS: Number(exited - started) / 1e9,
        cpuS: user + system,
        load: Math.round(load * 10) / 10,
    };
}
