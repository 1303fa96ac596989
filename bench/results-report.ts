import { Machine } from "./machine";
import { ScheduleOptions } from "./schedule";
import { Spread } from "./statistics";
import { Summary } from "./summary";

/** Targets from issue 8, under mocks. */
export const targets = { maxRatio: 1.1, maxGrowth: 11 };

export interface ReportContext {
    command: string;
    date: string;
    machine: Machine;
    options: ScheduleOptions;
    /** 1-minute load averages: at the start, the end, and the range seen before each run. */
    load: { start: number[]; end: number[]; runs: Spread };
    fairness: string[];
    plotFile: string;
}

/** Pass / miss lines for the targets: the ratios at every N, the growth to the largest. */
export function verdicts(summary: Summary): string[] {
    const lines: string[] = [];
    // At every N: a fixed cost per component (or per program) shows at small N, and a large N hides it.
    for (const ratio of summary.ratios) {
        for (const [metric, value] of [["wall", ratio.wall], ["CPU", ratio.cpu]] as const) {
            lines.push(`${mark(value <= targets.maxRatio)} ${ratio.target} N=${ratio.apps}: berth/raw ${metric} ${value.toFixed(2)} (target ≤ ${targets.maxRatio.toFixed(2)})`);
        }
    }
    for (const growth of summary.growth.filter((g) => g.variant === "berth")) {
        for (const [metric, value] of [["wall", growth.wall], ["CPU", growth.cpu]] as const) {
            lines.push(`${mark(value <= targets.maxGrowth)} ${growth.target} berth ${metric} growth ${growth.from}→${growth.to}: ${value.toFixed(1)}× (target ≤ ${targets.maxGrowth}×)`);
        }
    }
    return lines;
}

function mark(ok: boolean): string {
    return ok ? "met: " : "MISSED:";
}

/** The figures as Markdown tables: the same text is printed and written to results.md. */
export function figureTables(summary: Summary): string {
    const lines = [
        "| target | N | program | wall s, median (min–max) | CPU s, median (min–max) | peak RSS MiB, median (min–max) | provider resources | component resources |",
        "|---|---:|---|---|---|---|---:|---:|",
    ];
    const sorted = [...summary.cells].sort((a, b) => a.target.localeCompare(b.target) || a.apps - b.apps || a.variant.localeCompare(b.variant));
    for (const c of sorted) {
        lines.push(
            `| ${c.target} | ${c.apps} | ${c.variant} | ${secondsSpread(c.wallMs)} | ${secondsSpread(c.cpuMs)} | ${mibSpread(c.maxRssMiB)} | ${c.providerResources} | ${c.componentResources} |`,
        );
    }
    lines.push(
        "",
        "| target | N | berth/raw wall | berth/raw CPU | berth/raw peak RSS | paired runs: wall ratio min–max | paired runs: CPU ratio min–max |",
        "|---|---:|---:|---:|---:|---|---|",
    );
    for (const r of summary.ratios) {
        lines.push(
            `| ${r.target} | ${r.apps} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.rss.toFixed(2)} | ` +
                `${r.pairedWall.min.toFixed(2)}–${r.pairedWall.max.toFixed(2)} | ${r.pairedCpu.min.toFixed(2)}–${r.pairedCpu.max.toFixed(2)} |`,
        );
    }
    if (summary.growth.length > 0) {
        const { from, to } = summary.growth[0];
        lines.push("", `| target | program | wall growth N=${from}→${to} | CPU growth N=${from}→${to} |`, "|---|---|---:|---:|");
        for (const g of summary.growth) {
            lines.push(`| ${g.target} | ${g.variant} | ${g.wall.toFixed(1)}× | ${g.cpu.toFixed(1)}× |`);
        }
    }
    return lines.join("\n");
}

export function resultsMarkdown(summary: Summary, context: ReportContext): string {
    const { machine, options, load } = context;
    const packages = Object.entries(machine.packages).map(([name, version]) => `${name} ${version}`).join(", ");
    return [
        "# berth benchmark: berth against hand-written providers, under Pulumi mocks",
        "",
        `Written by \`${context.command}\` on ${context.date}. Do not edit by hand; rerun the command.`,
        "",
        "## Machine",
        "",
        `- ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB memory, ${machine.os}`,
        `- Node ${machine.node}; ${packages}; berth at commit ${machine.commit}`,
        `- Load: the machine is shared (other engineers' Go builds run alongside). 1-minute load average ${load.start[0]} at the start, ` +
            `${load.end[0]} at the end, ${load.runs.min}–${load.runs.max} (median ${load.runs.median.toFixed(1)}) just before the runs. ` +
            "With the load above the number of CPUs, wall times include time spent waiting for a CPU: CPU time is the steadier figure.",
        "",
        "## Method",
        "",
        `- The system: N apps (N = ${options.apps.join(", ")}) on one network; each app is a ContainerApp with its own AppConfig ` +
            "(a 6 KiB file, two values, one secret), one port, an HTTP health check, requests and limits, and autoscaling " +
            "on CPU (2–10 replicas; the app's own `autoscaling` arg, no AutoscalingPolicy). berth's program is `bench/berth-system.ts`; the hand-written ones, with the raw @pulumi/kubernetes " +
            "and @pulumi/docker resources, are `bench/raw-kubernetes-system.ts` and `bench/raw-docker-system.ts`.",
        "- Fairness, checked before measuring (`bench/equivalence.ts`): on both targets the two programs register the same provider " +
            "resources, by type and name, with the same inputs and the same secrecy, and neither has a secret in plaintext. " +
            "The hand-written Kubernetes program computes the config-hash annotation as a careful user would, with scrypt for the secret " +
            "(`bench/careful-config-hash.ts`); on Docker a config change replaces the containers, so no hash is needed by hand. " +
            (context.fairness.length === 0 ? "Result: equivalent." : `Result: ${context.fairness.join("; ")}`),
        `- Each run is a fresh Node process (\`bench/run-once.ts\`) under Pulumi mocks (berth/testing's recording mocks, preview mode); ` +
            "it reports wall time from process start to the last registration settled (module loading included), user+system CPU time of all " +
            "its threads (`process.resourceUsage()`), and peak RSS (`maxRSS`).",
        `- ${options.repetitions} repetitions of each cell, berth and hand-written back to back, the first of the two alternating; ` +
            "figures are medians with the min–max spread. Ratios are berth/raw of the medians; the paired columns give the range of " +
            "the ratio over the back-to-back pairs.",
        "",
        "## Figures",
        "",
        figureTables(summary),
        "",
        `![Wall and CPU time against N, log-log](${context.plotFile})`,
        "",
        "## Against the targets",
        "",
        ...verdicts(summary).map((line) => `- ${line}`),
        "",
        "Provider resources: berth registers exactly the provider resources of the hand-written program (the fairness check compares " +
            "them one by one); its component resources (AppNetwork, AppConfig, ContainerApp) are the only additions, " +
            "and the engine creates nothing for them.",
        "",
    ].join("\n");
}

function secondsSpread(s: Spread): string {
    const f = (ms: number) => (ms / 1000).toFixed(ms < 10000 ? 2 : 1);
    return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

function mibSpread(s: Spread): string {
    return `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})`;
}
