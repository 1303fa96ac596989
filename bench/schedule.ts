import * as childProcess from "child_process";
import * as path from "path";
import { loadAverage } from "./machine";
import { RunMeasurement } from "./run-once";
import { BenchTarget, Variant } from "./systems";

export interface ScheduleOptions {
    apps: number[];
    targets: BenchTarget[];
    repetitions: number;
}

/** A measurement with the machine's 1-minute load average just before it. */
export interface ScheduledRun extends RunMeasurement {
    repetition: number;
    loadBefore: number;
}

const runOnce = path.join(__dirname, "run-once.js");

/**
 * Runs every (target, size) pair `repetitions` times, berth and by hand one
 * after the other, the one going first alternating between repetitions. The
 * repetition is the outer loop, so a change in the machine's load over the
 * benchmark spreads over every cell instead of landing on one.
 */
export function runSchedule(options: ScheduleOptions, progress: (line: string) => void): ScheduledRun[] {
    const runs: ScheduledRun[] = [];
    const total = options.repetitions * options.targets.length * options.apps.length * 2;
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
        for (const target of options.targets) {
            for (const apps of options.apps) {
                const order: Variant[] = repetition % 2 === 0 ? ["berth", "raw"] : ["raw", "berth"];
                for (const variant of order) {
                    const loadBefore = loadAverage()[0];
                    const run = { ...measure(variant, target, apps), repetition, loadBefore };
                    runs.push(run);
                    progress(
                        `[${runs.length}/${total}] ${target} N=${apps} ${variant}: wall ${seconds(run.wallMs)} s, ` +
                            `CPU ${seconds(run.cpuMs)} s, peak RSS ${Math.round(run.maxRssMiB)} MiB (load ${loadBefore})`,
                    );
                }
            }
        }
    }
    return runs;
}

/** One run in a fresh Node process. */
function measure(variant: Variant, target: BenchTarget, apps: number): RunMeasurement {
    const child = childProcess.spawnSync(process.execPath, [runOnce, variant, target, String(apps)], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
        throw new Error(`run ${variant} ${target} N=${apps} failed (exit ${child.status ?? child.signal}):\n${child.stderr}`);
    }
    return JSON.parse(child.stdout.trim().split("\n").pop()!) as RunMeasurement;
}

function seconds(ms: number): string {
    return (ms / 1000).toFixed(1);
}
