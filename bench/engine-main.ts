import * as childProcess from "child_process";
import * as fs from "fs";
import * as path from "path";
import { useBuiltTools } from "../tests/e2e/tools";
import { fairnessProblems } from "./equivalence";
import { engineResultsMarkdown, EngineRun, engineTables } from "./engine-report";
import { EngineStack } from "./engine-stack";
import { describeMachine, loadAverage } from "./machine";
import { repoRoot } from "./repo-root";
import { spread } from "./statistics";
import { Variant } from "./systems";

/**
 * `npm run bench:engine [-- --apps=50 --reps=3]`: berth against the
 * hand-written program through the real Pulumi engine and Kubernetes
 * provider (built by tools/bootstrap) on a local API server (tools/cluster,
 * in a state dir of its own, stopped again if this run started it):
 * `pulumi preview`, `pulumi up`, then a preview that must find no change,
 * alternating berth and by hand. Writes bench/engine-results.md.
 */
async function main(): Promise<void> {
    const { apps, repetitions } = parseOptions(process.argv.slice(2));
    const log = (line: string) => process.stderr.write(line + "\n");
    const loadStart = loadAverage();
    useBuiltTools();

    const fairness = await fairnessProblems("kubernetes", { network: "bench-check", skipAwait: true });
    if (fairness.length > 0) {
        throw new Error(`the hand-written program is not berth's equivalent:\n${fairness.join("\n")}`);
    }
    const projectDir = writeProject();
    const cluster = startCluster();
    const runs: EngineRun[] = [];
    try {
        for (let repetition = 0; repetition < repetitions; repetition++) {
            const order: Variant[] = repetition % 2 === 0 ? ["berth", "raw"] : ["raw", "berth"];
            for (const variant of order) {
                const loadBefore = loadAverage()[0];
                const stack = EngineStack.create(projectDir, variant, {
                    "berth:target": "kubernetes",
                    "bench:variant": variant,
                    "bench:apps": String(apps),
                    // A namespace per run: deleting one takes the namespace controller a while, and must not slow the next run.
                    "bench:network": `bench-${variant}-${repetition}`,
                    "kubernetes:kubeconfig": cluster.kubeconfig,
                });
                try {
                    const preview = stack.timed(["preview"]);
                    const up = stack.timed(["up", "--yes", "--skip-preview"]);
                    const again = stack.timed(["preview", "--expect-no-changes"]);
                    const run: EngineRun = { variant, repetition, loadBefore, preview, up, again, againChanged: again.exitCode !== 0, resources: stack.resourceCounts() };
                    runs.push(run);
                    log(`[${runs.length}/${repetitions * 2}] ${variant}: preview ${s(preview.wallMs)} s, up ${s(up.wallMs)} s, no-change preview ${s(again.wallMs)} s` +
                        `${run.againChanged ? " (FOUND CHANGES)" : ""} (load ${loadBefore})`);
                } finally {
                    stack.dispose();
                }
            }
        }
    } finally {
        cluster.stopIfStartedHere();
    }

    const markdown = engineResultsMarkdown(runs, {
        command: `npm run bench:engine${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
        date: new Date().toISOString(),
        machine: describeMachine(),
        pulumi: childProcess.execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim(),
        apps,
        repetitions,
        load: { start: loadStart, end: loadAverage(), runs: spread(runs.map((r) => r.loadBefore)) },
    });
    const out = path.join(repoRoot(), "bench", "engine-results.md");
    fs.writeFileSync(out, markdown);
    process.stdout.write(`\n${engineTables(runs)}\n\nwrote ${out}\n`);
}

/** The Pulumi project: plain JavaScript that loads the compiled benchmark program. */
function writeProject(): string {
    const dir = path.join(repoRoot(), "dist", "bench-engine");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        "name: berth-bench-engine\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n",
    );
    fs.writeFileSync(path.join(dir, "index.js"), `require(${JSON.stringify(path.join(__dirname, "engine-program.js"))});\n`);
    return dir;
}

/** tools/cluster in a state dir of the benchmark's own, so it never stops a cluster someone else uses. */
function startCluster(): { kubeconfig: string; stopIfStartedHere(): void } {
    const script = path.join(repoRoot(), "tools", "cluster");
    const dir = ["--dir", process.env.BERTH_BENCH_CLUSTER_DIR ?? "/tmp/berth-bench-cluster"];
    const wasUp = childProcess.spawnSync(script, ["status", ...dir], { stdio: "ignore" }).status === 0;
    const output = childProcess.execFileSync(script, ["start", ...dir], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n");
    return {
        kubeconfig: output[output.length - 1],
        stopIfStartedHere: () => {
            if (!wasUp) {
                childProcess.execFileSync(script, ["stop", ...dir], { stdio: ["ignore", "ignore", "inherit"] });
            }
        },
    };
}

function parseOptions(argv: string[]): { apps: number; repetitions: number } {
    const values = new Map(argv.map((arg) => (/^--([a-z]+)=(\d+)$/.exec(arg) ?? fail(arg)).slice(1, 3) as [string, string]));
    return { apps: Number(values.get("apps") ?? "50"), repetitions: Number(values.get("reps") ?? "3") };
}

function fail(arg: string): never {
    throw new Error(`unknown argument ${arg}; use --apps=50 --reps=3`);
}

function s(ms: number): string {
    return (ms / 1000).toFixed(1);
}

main().then(
    () => process.exit(0),
    (error) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);
