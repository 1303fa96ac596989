import { CommandCost } from "./engine-stack";
import { Machine } from "./machine";
import { Spread, median, spread } from "./statistics";
import { Variant } from "./systems";

/** One stack's life in the real-engine benchmark. */
export interface EngineRun {
    variant: Variant;
    repetition: number;
    loadBefore: number;
    preview: CommandCost;
    up: CommandCost;
    /** The preview right after the up, which must find nothing to change. */
    again: CommandCost;
    againChanged: boolean;
    resources: { provider: number; component: number };
}

export interface EngineContext {
    command: string;
    date: string;
    machine: Machine;
    pulumi: string;
    apps: number;
    repetitions: number;
    load: { start: number[]; end: number[]; runs: Spread };
}

/** Target from issue 8 with the real engine. */
const maxRatio = 1.05;
/** Issue 20's target for the no-change preview, the one a developer waits for most often. */
const maxNoChangeRatio = 1.1;

const operations = [
    ["preview", "pulumi preview (all creates)"],
    ["up", "pulumi up --skip-preview"],
    ["again", "pulumi preview after the up (no change)"],
] as const;

export function engineTables(runs: EngineRun[]): string {
    const of = (variant: Variant) => runs.filter((r) => r.variant === variant);
    const lines = [
        "| operation | program | wall s, median (min–max) | CPU s, median (min–max) | peak RSS MiB (largest process), median |",
        "|---|---|---|---|---:|",
    ];
    for (const [op, label] of operations) {
        for (const variant of ["berth", "raw"] as Variant[]) {
            const costs = of(variant).map((r) => r[op]);
            lines.push(`| ${label} | ${variant} | ${seconds(spread(costs.map((c) => c.wallMs)))} | ${seconds(spread(costs.map((c) => c.cpuMs)))} | ${Math.round(median(costs.map((c) => c.maxRssMiB)))} |`);
        }
    }
    lines.push("", "| operation | berth/raw wall | berth/raw CPU | target |", "|---|---:|---:|---|");
    for (const [op, label] of operations) {
        const ratio = (metric: keyof CommandCost) => median(of("berth").map((r) => r[op][metric])) / median(of("raw").map((r) => r[op][metric]));
        const wall = ratio("wallMs");
        const verdicts = [`${wall <= maxRatio ? "met" : "MISSED"} (wall ≤ ${maxRatio}, issue 8)`];
        if (op === "again") {
            verdicts.push(`${wall <= maxNoChangeRatio ? "met" : "MISSED"} (wall ≤ ${maxNoChangeRatio.toFixed(2)}, issue 20)`);
        }
        lines.push(`| ${label} | ${wall.toFixed(2)} | ${ratio("cpuMs").toFixed(2)} | ${verdicts.join("; ")} |`);
    }
    const counts = (variant: Variant) => of(variant)[0]?.resources;
    const changed = runs.filter((r) => r.againChanged).map((r) => `${r.variant} #${r.repetition + 1}`);
    lines.push(
        "",
        `Resources in state after the up: berth ${counts("berth")?.provider} provider resources and ${counts("berth")?.component} components; ` +
            `by hand ${counts("raw")?.provider} provider resources. Preview after the up: ${changed.length === 0 ? "no change in any run" : `changes in ${changed.join(", ")}`}.`,
    );
    return lines.join("\n");
}

export function engineResultsMarkdown(runs: EngineRun[], context: EngineContext): string {
    const { machine, load } = context;
    return [
        "# berth benchmark with the real engine: berth against hand-written @pulumi/kubernetes",
        "",
        `Written by \`${context.command}\` on ${context.date}. Do not edit by hand; rerun the command.`,
        "",
        `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; ` +
            `${Object.entries(machine.packages).map(([name, version]) => `${name} ${version}`).join(", ")}; berth at ${machine.commit}.`,
        `- Engine: Pulumi CLI ${context.pulumi} and the Kubernetes provider plugin built by tools/bootstrap; a local kube-apiserver ` +
            "(tools/cluster, no kubelet, so every object carries pulumi.com/skipAwait in both programs); file backend.",
        `- Load: 1-minute load average ${load.start[0]} at the start, ${load.end[0]} at the end, ${load.runs.min}–${load.runs.max} before the runs ` +
            "(the machine is shared with other engineers' builds).",
        `- The stack: ${context.apps} apps, the system of results.md (bench/berth-system.ts against bench/raw-kubernetes-system.ts, ` +
            "checked equivalent under mocks first). Each run is a fresh stack in its own namespace: preview, up, preview again; then destroyed. " +
            `${context.repetitions} runs of each, berth and by hand alternating, the first of each pair alternating too. ` +
            "Wall and CPU time are those of the pulumi CLI and every process it waited for (language host, program, provider plugin), " +
            "from GNU time; the API server's own CPU is not counted.",
        "",
        engineTables(runs),
        "",
    ].join("\n");
}

function seconds(s: Spread): string {
    return `${(s.median / 1000).toFixed(1)} (${(s.min / 1000).toFixed(1)}–${(s.max / 1000).toFixed(1)})`;
}
