/* One turn of the dev loop with one tool: first up, no-op rerun, rerun after one change (a config value, or a source file), down. */
import * as path from "path";
import { changedApps, DevLoop, Tool, Variant } from "./dev-loop";
import { ContainerSummary } from "./docker-api";
import { StackSnapshot } from "./equivalence";
import { takeSnapshot } from "./snapshot";
import { stepUntilGone, stepUntilHealthy, StepTiming } from "./timed-step";

export const steps = ["first", "noop", "change", "down"] as const;
export type Step = (typeof steps)[number];

export function stepTitles(variant: Variant): Record<Step, string> {
    return {
        first: variant === "built" ? "first up (web built), until every container is healthy" : "first up, until every container is healthy",
        noop: "no-op rerun",
        change: variant === "built" ? "rerun after one source file of web changed, until healthy" : "rerun after one config value changed, until healthy",
        down: "destroy / down",
    };
}

export interface Cycle {
    tool: Tool;
    round: number;
    timings: Record<Step, StepTiming>;
    /** The stack after the first up and after the change, for the equivalence check. */
    snapshots: { first: StackSnapshot; changed: StackSnapshot };
    /** What the tool did that the step should not have (e.g. a no-op that recreated a container). */
    surprises: string[];
}

export async function runCycle(loop: DevLoop, round: number, logDir: string): Promise<Cycle> {
    const log = path.join(logDir, `${loop.tool}-round${round}.log`);
    const surprises: string[] = [];
    loop.restore();
    const first = await stepUntilHealthy(loop, loop.up(), log);
    const afterFirst = await loop.containers();
    const snapshotFirst = await takeSnapshot(loop);

    const noop = await stepUntilHealthy(loop, loop.up(), log);
    const afterNoop = await loop.containers();
    if (ids(afterNoop) !== ids(afterFirst)) {
        surprises.push(`the no-op rerun recreated containers (${names(afterFirst)} → ${names(afterNoop)})`);
    }

    loop.change(round);
    let change: StepTiming;
    try {
        change = await stepUntilHealthy(loop, loop.up(), log);
    } finally {
        loop.restore();
    }
    const afterChange = await loop.containers();
    const replaced = appsReplaced(afterNoop, afterChange);
    if (replaced !== changedApps[loop.variant]) {
        surprises.push(`the change replaced the containers of [${replaced}], expected those of [${changedApps[loop.variant]}]`);
    }
    const snapshotChanged = await takeSnapshot(loop);

    const down = await stepUntilGone(loop, loop.down(), log);
    return { tool: loop.tool, round, timings: { first, noop, change, down }, snapshots: { first: snapshotFirst, changed: snapshotChanged }, surprises };
}

function ids(containers: ContainerSummary[]): string {
    return containers.map((c) => c.Id).sort().join(",");
}

function names(containers: ContainerSummary[]): string {
    return containers.map((c) => c.Names[0]).sort().join(" ");
}

/** Apps some of whose containers are new after the step, sorted. */
function appsReplaced(before: ContainerSummary[], after: ContainerSummary[]): string {
    const old = new Set(before.map((c) => c.Id));
    return [...new Set(after.filter((c) => !old.has(c.Id)).map((c) => c.Labels["app.kubernetes.io/name"]))].sort().join(",");
}
