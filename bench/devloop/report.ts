/* The figures block of bench/devloop-results.md: medians, spreads, ratios and the issue's targets. */
import { Machine } from "../machine";
import { median, Spread, spread } from "../statistics";
import { Cycle, Step, steps, stepTitles } from "./cycle";
import { DevLoop, Variant } from "./dev-loop";
import { ignoredFields } from "./equivalence";

/** Issue 20's targets on this 2-core machine. */
export const targets = { noopSeconds: 2.0, firstRatio: 1.1, changeRatio: 1.2 };

export interface ReportContext {
    command: string;
    date: string;
    machine: Machine;
    versions: { docker: string; compose: string; pulumi: string };
    /** 1-minute load averages at the start and the end. */
    load: { start: number; end: number };
    rounds: number;
    variant: Variant;
    /** Set while fewer rounds than asked for are done: says so on the page. */
    partial?: string;
    loops: DevLoop[];
}

export interface StepFigures {
    step: Step;
    berth: Spread;
    compose: Spread;
    berthCpu: Spread;
    composeCpu: Spread;
    /** berth/compose of the medians. */
    ratio: number;
    /** berth/compose within each round (the two ran back to back). */
    paired: Spread;
}

export function stepFigures(cycles: Cycle[]): StepFigures[] {
    const of = (tool: string) => cycles.filter((c) => c.tool === tool).sort((a, b) => a.round - b.round);
    const berth = of("berth");
    const compose = of("compose");
    return steps.map((step) => {
        const wall = (list: Cycle[]) => list.map((c) => c.timings[step].wallS);
        const cpu = (list: Cycle[]) => list.map((c) => c.timings[step].cpuS);
        return {
            step,
            berth: spread(wall(berth)),
            compose: spread(wall(compose)),
            berthCpu: spread(cpu(berth)),
            composeCpu: spread(cpu(compose)),
            ratio: median(wall(berth)) / median(wall(compose)),
            paired: spread(berth.map((c, index) => c.timings[step].wallS / compose[index].timings[step].wallS)),
        };
    });
}

/** Met / missed lines for the issue's targets. */
export function verdicts(figures: StepFigures[]): string[] {
    const at = (step: Step) => figures.find((f) => f.step === step)!;
    const mark = (ok: boolean) => (ok ? "met:" : "MISSED:");
    const noop = at("noop").berth.median;
    const first = at("first").ratio;
    const change = at("change").ratio;
    return [
        `${mark(noop <= targets.noopSeconds)} no-op \`npm run dev\` ${noop.toFixed(2)} s median (target ≤ ${targets.noopSeconds.toFixed(1)} s)`,
        `${mark(first <= targets.firstRatio)} first up until healthy: berth/compose ${first.toFixed(2)} (target ≤ ${targets.firstRatio.toFixed(1)})`,
        `${mark(change <= targets.changeRatio)} rerun after a config change: berth/compose ${change.toFixed(2)} (target ≤ ${targets.changeRatio.toFixed(1)})`,
    ];
}

export function figuresMarkdown(cycles: Cycle[], context: ReportContext): string {
    const figures = stepFigures(cycles);
    const { machine, versions, load } = context;
    const stepLoads = spread(cycles.flatMap((c) => steps.map((s) => c.timings[s].load)));
    const [berth, compose] = ["berth", "compose"].map((tool) => context.loops.find((l) => l.tool === tool)!);
    const lines = [
        `Written by \`${context.command}\` on ${context.date}, berth at commit ${machine.commit}. This block is rewritten by each run; the text around it is not.`,
        "",
        `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; ` +
            `Docker engine ${versions.docker}; docker-compose ${versions.compose}; ${versions.pulumi}.`,
        `- Load (1-minute average; the machine is shared with other engineers' builds and tests): ${load.start} at the start, ${load.end} at the end, ` +
            `${stepLoads.min}–${stepLoads.max} (median ${stepLoads.median.toFixed(1)}) just before the steps.`,
        ...(context.partial ? [`- **Partial: ${context.partial}.**`] : []),
        `- ${context.rounds} rounds after a warm-up round; in each, berth's whole loop and compose's back to back, the first of the two alternating. ` +
            "A step's time runs from starting the command until the engine shows the stack where the step leaves it (every container running " +
            "and healthy, or everything gone), polled every 100 ms for both tools. CPU is the command's whole process tree (GNU time), not dockerd's.",
        `- berth: \`${berth.shown.up}\`, \`${berth.shown.down}\`; the change: ${berth.shown.change}.`,
        `- compose: \`${compose.shown.up}\`, \`${compose.shown.down}\`; the change: ${compose.shown.change}.`,
        "- Same containers, checked in every round after the first up and after the change (`docker inspect` of both, `bench/devloop/equivalence.ts`): " +
            "equal. Not compared: " +
            ignoredFields(context.variant).map(([field, why]) => `${field} (${why})`).join("; ") +
            ".",
        "",
        "| step | berth s, median (min–max) | compose s, median (min–max) | berth/compose | paired rounds | berth CPU s | compose CPU s |",
        "|---|---|---|---:|---|---:|---:|",
        ...figures.map(
            (f) =>
                `| ${stepTitles(context.variant)[f.step]} | ${seconds(f.berth)} | ${seconds(f.compose)} | ${f.ratio.toFixed(2)} | ` +
                `${f.paired.min.toFixed(2)}–${f.paired.max.toFixed(2)} | ${f.berthCpu.median.toFixed(2)} | ${f.composeCpu.median.toFixed(2)} |`,
        ),
        "",
        ...(context.variant === "config"
            ? verdicts(figures).map((line) => `- ${line}`)
            : ["- No targets for this variant (issue 17 asks for the figures); issue 20's targets are for the loop without a build."]),
        "",
        "<details><summary>Every run (wall s; the command alone in brackets; load before the step)</summary>",
        "",
        "| round | tool | first up | no-op | change | down |",
        "|---:|---|---|---|---|---|",
        ...[...cycles]
            .sort((a, b) => a.round - b.round || a.tool.localeCompare(b.tool))
            .map((c) => `| ${c.round} | ${c.tool} | ${steps.map((s) => `${c.timings[s].wallS.toFixed(2)} (${c.timings[s].commandS.toFixed(2)}; ${c.timings[s].load})`).join(" | ")} |`),
        "",
        "</details>",
    ];
    const surprises = cycles.flatMap((c) => c.surprises.map((s) => `${c.tool}, round ${c.round}: ${s}`));
    if (surprises.length > 0) {
        lines.push("", "Surprises (a step did more than it should have):", "", ...surprises.map((s) => `- ${s}`));
    }
    return lines.join("\n");
}

function seconds(s: Spread): string {
    return `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}
