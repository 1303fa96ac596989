import * as pulumi from "@pulumi/pulumi";
import { DependencyModel } from "../model/workload";
import { NetworkModel } from "../model/network";
import { BerthValidationError, BerthValidationErrors, formatPath } from "./errors";
import { nearMiss } from "./near-miss";
import { failProgram } from "./program-failure";
import { Findings } from "./rules";

/*
 * The apps and jobs of each network, by name, and the checks that need all of
 * them: the names in allowFrom and dependsOn (an app may name one declared
 * after it), cycles of dependsOn, conditions that cannot hold, and the rules a
 * workload can only check once the program's synchronous part has run (the
 * prod tier's replica rule waits to know whether an autoscaler owns the
 * count). They run in one pass over every workload declared so far, right
 * after the program's synchronous part, before any of them registers a
 * resource; the problems of all of them are reported at once, and then none
 * of them renders.
 *
 * The pass also hands each workload its dependencies' readiness, so it
 * renders after them and its resources wait for theirs.
 */

export type WorkloadKind = "app" | "job";

/** What the roster reads of an app or a job. */
export interface Enlisted {
    componentType: "ContainerApp" | "ContainerJob";
    kind: WorkloadKind;
    name: string;
    network: NetworkModel;
    dependsOn: DependencyModel[];
    allowFrom: string[];
    /** Whether "healthy" can hold: the workload has a health check. */
    hasHealthCheck: boolean;
    /** Rules that need the whole program, run in the pass. */
    lateRules(findings: Findings): void;
}

/** What a workload's dependents wait for once it rendered. */
export interface Readiness {
    /** Resources whose creation means the dependency's condition holds; dependents' resources depend on them. */
    resources: pulumi.Resource[];
    /** Whether its run succeeded: false stops its dependents from rendering (the failure itself is reported where it was found). */
    succeeded: Promise<boolean>;
}

/** A workload's outcome of the pass. */
export interface Verdict {
    /** No problem in this pass, for any workload: the workload may render. */
    ok: boolean;
    /** What the late rules only warn about, to log on the component. */
    warnings: string[];
}

export interface Enlistment {
    /** Settles after the pass over the workloads declared with this one. */
    verdict: Promise<Verdict>;
    /** Hands the workload's readiness (once rendered) to its dependents. */
    rendered(readiness: Promise<Readiness>): void;
}

interface Entry {
    workload: Enlisted;
    ready: Promise<Readiness>;
    handOver(readiness: Promise<Readiness>): void;
}

interface Pending {
    entry: Entry;
    settle(verdict: Verdict): void;
}

const rosters = new WeakMap<NetworkModel, Map<string, Entry>>();
let pending: Pending[] = [];
let scheduled = false;
let openEnded = false;

/**
 * Through the component provider each component arrives in a call of its own,
 * and later ones are unknown when a component is checked: a name in allowFrom
 * that is not declared yet is then only warned about. (A dependency must be
 * declared first all the same: its dependants wait for its resources.)
 */
export function declaredOneByOne(): void {
    openEnded = true;
}

/** Forgets what is pending: each program run (and each test) starts empty. */
export function resetWorkloadRoster(): void {
    pending = [];
    scheduled = false;
}

function rosterOf(network: NetworkModel): Map<string, Entry> {
    let roster = rosters.get(network);
    if (roster === undefined) {
        roster = new Map();
        rosters.set(network, roster);
    }
    return roster;
}

/** Adds a valid workload to its network's roster; its verdict comes from the next pass. */
export function enlist(workload: Enlisted): Enlistment {
    let handOver!: (readiness: Promise<Readiness>) => void;
    const ready = new Promise<Readiness>((resolve) => (handOver = (readiness) => resolve(readiness)));
    const entry: Entry = { workload, ready, handOver };
    rosterOf(workload.network).set(workload.name, entry);
    const verdict = new Promise<Verdict>((settle) => pending.push({ entry, settle }));
    if (!scheduled) {
        scheduled = true;
        setImmediate(runPass);
    }
    return { verdict, rendered: handOver };
}

/** The readiness of each of a workload's dependencies (all known once its verdict is ok). */
export function dependencyReadiness(workload: Pick<Enlisted, "network" | "dependsOn">): Promise<Readiness[]> {
    const roster = rosterOf(workload.network);
    return Promise.all(workload.dependsOn.map((d) => roster.get(d.name)!.ready));
}

function runPass(): void {
    scheduled = false;
    const batch = pending;
    pending = [];
    const results = batch.map(({ entry }) => check(entry));
    const errors = results.flatMap((r, index) => (r.problems.length > 0 ? [new BerthValidationError(batch[index].entry.workload.componentType, batch[index].entry.workload.name, r.problems)] : []));
    if (errors.length > 0) {
        failProgram(errors.length === 1 ? errors[0] : new BerthValidationErrors(errors));
        // Nothing of this pass renders; a workload declared later that waits for one of them does not either.
        batch.forEach(({ entry }) => entry.handOver(Promise.resolve({ resources: [], succeeded: Promise.resolve(false) })));
    }
    batch.forEach(({ settle }, index) => settle({ ok: errors.length === 0, warnings: results[index].warnings }));
}

/** Every problem of one workload that needs the others. */
function check(entry: Entry): { problems: string[]; warnings: string[] } {
    const problems: string[] = [];
    const warnings: string[] = [];
    const findings: Findings = {
        problem: (message, path = []) => problems.push(path.length > 0 ? `${formatPath(path)} ${message}` : message),
        claim: () => {
            throw new Error("a late rule takes no claims: claims are taken with the component's own validation");
        },
        warning: (message) => warnings.push(message),
    };
    const workload = entry.workload;
    workload.lateRules(findings);
    const roster = rosterOf(workload.network);
    checkAllowFrom(workload, roster, findings);
    checkDependencies(workload, roster, findings);
    const cycle = cycleThrough(entry, roster);
    if (cycle) {
        findings.problem(`${cycle.join(" → ")} is a cycle: a workload cannot wait for itself`, ["dependsOn"]);
    }
    return { problems, warnings };
}

function describeUnknown(name: string, roster: Map<string, Entry>, network: NetworkModel): string {
    const known = [...roster.keys()];
    const guess = nearMiss(name, known);
    const hint = guess !== undefined ? `did you mean "${guess}"?` : `apps and jobs: ${known.sort().join(", ")}`;
    return `"${name}" is not an app or job on network "${network.name}" (${hint})`;
}

function checkAllowFrom(workload: Enlisted, roster: Map<string, Entry>, findings: Findings): void {
    workload.allowFrom.forEach((name, index) => {
        if (roster.has(name)) {
            return;
        }
        const problem = describeUnknown(name, roster, workload.network);
        if (openEnded) {
            findings.warning(`allowFrom[${index}] ${problem}; through the berth provider only components declared before this one are known`);
        } else {
            findings.problem(problem, ["allowFrom", index]);
        }
    });
}

function checkDependencies(workload: Enlisted, roster: Map<string, Entry>, findings: Findings): void {
    workload.dependsOn.forEach((d, index) => {
        const found = roster.get(d.name)?.workload;
        const at = ["dependsOn", index, d.kind];
        if (found === undefined) {
            const later = openEnded ? "; through the berth provider a dependency must be declared before its dependants" : "";
            findings.problem(`${describeUnknown(d.name, roster, workload.network)}${later}`, at);
        } else if (found.kind !== d.kind) {
            findings.problem(`"${d.name}" is ${found.kind === "job" ? "a job" : "an app"}, not ${d.kind === "job" ? "a job" : "an app"}: name it as { ${found.kind}: "${d.name}" }`, at);
        } else if (d.condition === "healthy" && !found.hasHealthCheck) {
            findings.problem(`"${d.name}" has no healthCheck, so "${workload.name}" → "${d.name}" healthy cannot hold: give "${d.name}" a healthCheck or wait until it is "started"`, ["dependsOn", index, "condition"]);
        }
    });
}

/** The names along a dependsOn cycle from the workload back to itself, or undefined when it is on none. */
function cycleThrough(start: Entry, roster: Map<string, Entry>): string[] | undefined {
    const seen = new Set<Entry>();
    const walk = (entry: Entry, path: string[]): string[] | undefined => {
        for (const d of entry.workload.dependsOn) {
            const next = roster.get(d.name);
            if (next === undefined || next.workload.kind !== d.kind) {
                continue;
            }
            if (next === start) {
                return [...path, d.name];
            }
            if (!seen.has(next)) {
                seen.add(next);
                const found = walk(next, [...path, d.name]);
                if (found) {
                    return found;
                }
            }
        }
        return undefined;
    };
    return walk(start, [start.workload.name]);
}
