import { runProgram } from "../components/testing";
import { BenchTarget, Variant, benchTargets, stackConfig, systemProgram, variants } from "./systems";

/**
 * One measured run, in a process of its own: builds the system under Pulumi's
 * mocks, waits until every registration has settled, and prints one JSON line
 * with what the whole process cost (startup and module loading included).
 *
 *   node dist/bench/run-once.js <berth|raw> <docker|kubernetes> <apps>
 */

export interface RunMeasurement {
    variant: Variant;
    target: BenchTarget;
    apps: number;
    /** Wall time from process start to the last registration settled, ms. */
    wallMs: number;
    /** Wall time of the program alone (after module loading), ms. */
    programMs: number;
    /** User + system CPU time of the process, all threads, ms. */
    cpuMs: number;
    /** Peak resident set size, MiB. */
    maxRssMiB: number;
    /** Provider resources registered (what the engine would create). */
    providerResources: number;
    /** Component resources registered (berth's own; none by hand). */
    componentResources: number;
}

async function main(): Promise<void> {
    const [variant, target, apps] = parseArgs(process.argv.slice(2));
    const program = systemProgram(variant, target);
    const start = performance.now();
    const run = await runProgram(() => program(apps), { config: stackConfig(target) });
    const end = performance.now();
    const usage = process.resourceUsage();
    const providerResources = run.graph.resources.filter((r) => r.custom).length;
    const measurement: RunMeasurement = {
        variant,
        target,
        apps,
        wallMs: end,
        programMs: end - start,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        maxRssMiB: usage.maxRSS / 1024,
        providerResources,
        componentResources: run.graph.resources.length - providerResources,
    };
    process.stdout.write(JSON.stringify(measurement) + "\n");
}

function parseArgs(argv: string[]): [Variant, BenchTarget, number] {
    const [variant, target, apps] = argv;
    const count = Number(apps);
    if (!variants.includes(variant as Variant) || !benchTargets.includes(target as BenchTarget) || !Number.isInteger(count) || count < 1) {
        throw new Error(`usage: run-once.js <${variants.join("|")}> <${benchTargets.join("|")}> <apps> (got ${argv.join(" ")})`);
    }
    return [variant as Variant, target as BenchTarget, count];
}

main().then(
    () => process.exit(0),
    (error) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
    },
);
