import * as assert from "assert";
import fc from "fast-check";
import { setupMocks } from "../../components/testing";
import { BerthValidationError, BerthValidationErrors } from "../../components/validation/errors";
import { Args, ComponentSpec, system, SystemSpec } from "./arbitraries";
import { check, componentCount, mentions, propertySuite, runSystem } from "./harness";

/*
 * The checks that need every app and job of the program: names in allowFrom
 * and dependsOn (an app may name one declared after it), conditions that
 * cannot hold, and cycles. A valid system gets one such fault; the program
 * must fail with berth's error naming exactly the faulty components, each at
 * the path of its problem, and no workload may register a resource.
 */

interface DeferredFault {
    kind: string;
    /** Which workloads the error names ("app:0", "job:1"), each with the text its problem starts with. */
    expected: Array<{ ref: string; problem: string }>;
}

const workloadTypes = ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:batch/v1:Job", "docker:index/container:Container"];

function workloadsOf(spec: SystemSpec): Array<{ ref: string; type: string; w: ComponentSpec }> {
    return [
        ...spec.apps.map((w, i) => ({ ref: `app:${i}`, type: "ContainerApp", w })),
        ...spec.jobs.map((w, i) => ({ ref: `job:${i}`, type: "ContainerJob", w })),
    ];
}

/** A name no workload of the system has: a near miss of `name`, or a fresh one. */
function unknownName(spec: SystemSpec, name: string): string {
    const taken = new Set(workloadsOf(spec).map((x) => x.w.name));
    for (const candidate of [`${name}x`, `x${name}`.slice(0, 63), "nobody", "nobody-else"]) {
        if (!taken.has(candidate) && candidate.length <= 63) return candidate;
    }
    throw new Error("no free name");
}

/** Whether workload `from` waits, directly or not, for workload `to`. */
function waitsFor(spec: SystemSpec, from: string, to: string): boolean {
    const byName = new Map(workloadsOf(spec).map((x) => [x.w.name, x.w]));
    const seen = new Set<string>();
    const walk = (name: string): boolean => {
        for (const d of ((byName.get(name)?.args.dependsOn ?? []) as Args[])) {
            const next = (d.app ?? d.job) as string;
            if (next === to) return true;
            if (!seen.has(next)) {
                seen.add(next);
                if (walk(next)) return true;
            }
        }
        return false;
    };
    return walk(from);
}

/** Injects one fault into a valid system (fast-check picks which and where). */
function withFault(spec: SystemSpec, kind: number, pick: number): { spec: SystemSpec; fault: DeferredFault } {
    const copy: SystemSpec = JSON.parse(JSON.stringify(spec));
    const all = workloadsOf(copy);
    const target = all[pick % all.length];
    const dependsOn = (target.w.args.dependsOn ?? []) as Args[];
    switch (kind % 4) {
        case 0: {
            const apps = copy.apps.map((_, i) => i);
            const app = copy.apps[apps[pick % apps.length]];
            const allowFrom = (app.args.allowFrom ?? []) as string[];
            const name = unknownName(copy, all[pick % all.length].w.name);
            app.args.allowFrom = [...allowFrom, name];
            return { spec: copy, fault: { kind: "allowFrom", expected: [{ ref: `app:${copy.apps.indexOf(app)}`, problem: `allowFrom[${allowFrom.length}]` }] } };
        }
        case 1: {
            const asJob = pick % 2 === 0;
            target.w.args.dependsOn = [...dependsOn, asJob ? { job: unknownName(copy, target.w.name) } : { app: unknownName(copy, target.w.name) }];
            return { spec: copy, fault: { kind: "dependsOn unknown", expected: [{ ref: target.ref, problem: `dependsOn[${dependsOn.length}].${asJob ? "job" : "app"}` }] } };
        }
        case 2: {
            // An app without a health check that does not wait for the target itself (that would add a cycle too).
            const unchecked = copy.apps.findIndex((a, i) => a.args.healthCheck === undefined && `app:${i}` !== target.ref && !waitsFor(copy, a.name, target.w.name));
            if (unchecked < 0) return withFault(spec, 3, pick);
            const name = copy.apps[unchecked].name;
            if (dependsOn.some((d) => d.app === name)) return withFault(spec, 3, pick);
            target.w.args.dependsOn = [...dependsOn, { app: name, condition: "healthy" }];
            return { spec: copy, fault: { kind: "healthy without a health check", expected: [{ ref: target.ref, problem: `dependsOn[${dependsOn.length}].condition` }] } };
        }
        default: {
            // A waits for itself, or for B which waits for A.
            const other = all[(pick + 1) % all.length];
            const edge = (from: typeof target, to: typeof target) => {
                const list = (from.w.args.dependsOn ?? []) as Args[];
                const kind = to.type === "ContainerJob" ? "job" : "app";
                if (!list.some((d) => d[kind] === to.w.name)) from.w.args.dependsOn = [...list, { [kind]: to.w.name }];
            };
            edge(target, other);
            edge(other, target);
            // Every workload on a cycle now is named (the new edges may close longer cycles through others too).
            const members = workloadsOf(copy).filter((x) => waitsFor(copy, x.w.name, x.w.name));
            return { spec: copy, fault: { kind: "cycle", expected: members.map((m) => ({ ref: m.ref, problem: "dependsOn" })) } };
        }
    }
}

propertySuite("checks of the whole program", (target, count) => {
    it("a name that is no app or job, a condition that cannot hold, or a cycle fails the program naming each faulty component and the path, and no workload registers anything", async () => {
        await check(
            fc.asyncProperty(system({ targets: [target] }), fc.nat(), fc.nat(), async (valid, kind, pick) => {
                const { spec, fault } = withFault(valid, kind, pick);
                count.add(`${target} ${fault.kind}`, componentCount(spec));
                const mocks = setupMocks();
                const error = await runSystem(spec).then(
                    () => undefined,
                    (e: unknown) => e,
                );
                assert.ok(error !== undefined, `the program succeeded, but ${fault.kind} was injected`);
                const errors = error instanceof BerthValidationErrors ? error.errors : error instanceof BerthValidationError ? [error] : [];
                assert.ok(errors.length > 0, `not berth's error: ${String(error)}`);
                const byRef = new Map(workloadsOf(spec).map((x) => [x.ref, x]));
                for (const expected of fault.expected) {
                    const workload = byRef.get(expected.ref)!;
                    const found = errors.find((e) => e.componentType === workload.type && e.componentName === workload.w.name);
                    assert.ok(found, `${workload.type} "${workload.w.name}" is not named: ${errors.map((e) => e.message).join(" | ")}`);
                    assert.ok(found.problems.some((p) => mentions(p, expected.problem)), `${found.message} has no problem at ${expected.problem}`);
                }
                assert.strictEqual(errors.length, fault.expected.length, `only the faulty components are named: ${errors.map((e) => e.message).join(" | ")}`);
                const registered = mocks.resources.filter((r) => workloadTypes.includes(r.type)).map((r) => `${r.type}::${r.name}`);
                assert.deepStrictEqual(registered, [], "a workload registered a resource");
            }),
            150,
        );
    });
});
