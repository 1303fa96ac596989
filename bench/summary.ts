import { ScheduledRun } from "./schedule";
import { Spread, spread } from "./statistics";
import { BenchTarget, Variant } from "./systems";

/** The figures of one (target, size, variant) cell. */
export interface Cell {
    target: BenchTarget;
    apps: number;
    variant: Variant;
    wallMs: Spread;
    cpuMs: Spread;
    maxRssMiB: Spread;
    providerResources: number;
    componentResources: number;
}

/** berth against the hand-written program at one (target, size). */
export interface Ratio {
    target: BenchTarget;
    apps: number;
    /** Ratios of the medians. */
    wall: number;
    cpu: number;
    rss: number;
    /** Spread of berth/raw over the runs paired by repetition (each pair ran back to back). */
    pairedWall: Spread;
    pairedCpu: Spread;
}

/** How a variant's cost grows from the second-largest size to the largest. */
export interface Growth {
    target: BenchTarget;
    variant: Variant;
    from: number;
    to: number;
    wall: number;
    cpu: number;
}

export interface Summary {
    cells: Cell[];
    ratios: Ratio[];
    growth: Growth[];
}

export function summarise(runs: ScheduledRun[]): Summary {
    const key = (target: string, apps: number, variant: string) => `${target}/${apps}/${variant}`;
    const groups = new Map<string, ScheduledRun[]>();
    for (const run of runs) {
        const k = key(run.target, run.apps, run.variant);
        groups.set(k, [...(groups.get(k) ?? []), run]);
    }
    const cells: Cell[] = [...groups.values()].map((group) => ({
        target: group[0].target,
        apps: group[0].apps,
        variant: group[0].variant,
        wallMs: spread(group.map((r) => r.wallMs)),
        cpuMs: spread(group.map((r) => r.cpuMs)),
        maxRssMiB: spread(group.map((r) => r.maxRssMiB)),
        providerResources: group[0].providerResources,
        componentResources: group[0].componentResources,
    }));
    const cell = (target: BenchTarget, apps: number, variant: Variant) => cells.find((c) => c.target === target && c.apps === apps && c.variant === variant)!;

    const targets = [...new Set(runs.map((r) => r.target))];
    const sizes = [...new Set(runs.map((r) => r.apps))].sort((a, b) => a - b);
    const ratios: Ratio[] = [];
    for (const target of targets) {
        for (const apps of sizes) {
            const berth = cell(target, apps, "berth");
            const raw = cell(target, apps, "raw");
            const paired = pairs(groups.get(key(target, apps, "berth"))!, groups.get(key(target, apps, "raw"))!);
            ratios.push({
                target,
                apps,
                wall: berth.wallMs.median / raw.wallMs.median,
                cpu: berth.cpuMs.median / raw.cpuMs.median,
                rss: berth.maxRssMiB.median / raw.maxRssMiB.median,
                pairedWall: spread(paired.map(([b, r]) => b.wallMs / r.wallMs)),
                pairedCpu: spread(paired.map(([b, r]) => b.cpuMs / r.cpuMs)),
            });
        }
    }

    const growth: Growth[] = [];
    if (sizes.length >= 2) {
        const [from, to] = sizes.slice(-2);
        for (const target of targets) {
            for (const variant of ["berth", "raw"] as Variant[]) {
                const small = cell(target, from, variant);
                const large = cell(target, to, variant);
                growth.push({
                    target,
                    variant,
                    from,
                    to,
                    wall: large.wallMs.median / small.wallMs.median,
                    cpu: large.cpuMs.median / small.cpuMs.median,
                });
            }
        }
    }
    return { cells, ratios, growth };
}

function pairs(berth: ScheduledRun[], raw: ScheduledRun[]): Array<[ScheduledRun, ScheduledRun]> {
    return berth.flatMap((b) => {
        const r = raw.find((candidate) => candidate.repetition === b.repetition);
        return r ? [[b, r] as [ScheduledRun, ScheduledRun]] : [];
    });
}
