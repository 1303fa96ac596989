import { z } from "zod";
import { argDefaults } from "./defaults";
import * as field from "./fields";
import { rulesFor } from "../validation/rules";

/*
 * Start-up order: `dependsOn` of apps and jobs. A dependency names an app or a
 * job of the same network, as allowFrom does, so it may name one declared
 * later; the names are checked once every app and job of the network is known
 * (validation/workload-roster.ts).
 */

export type AppCondition = "started" | "healthy";
export type Condition = AppCondition | "completed";

/** A dependency as parsed: what it names, and the condition it waits for (its default filled in). */
export interface DependencySpec {
    kind: "app" | "job";
    name: string;
    condition: Condition;
}

export const dependency = z
    .strictObject({
        app: field.name.optional(),
        job: field.name.optional(),
        condition: z.enum(["started", "healthy", "completed"], { error: () => 'must be "started", "healthy" or "completed"' }).optional(),
    })
    .superRefine((d, ctx) => {
        if ((d.app === undefined) === (d.job === undefined)) {
            field.problem(ctx, [], "must name exactly one of app or job");
        } else if (d.app !== undefined && d.condition === "completed") {
            field.problem(ctx, ["condition"], 'must be "started" or "healthy" for an app ("completed" is for a job, which runs to completion)');
        } else if (d.job !== undefined && d.condition !== undefined && d.condition !== "completed") {
            field.problem(ctx, ["condition"], `must be "completed" for a job (got "${d.condition}")`);
        }
    })
    .transform(
        (d): DependencySpec =>
            d.app !== undefined
                ? { kind: "app", name: d.app, condition: d.condition ?? argDefaults.dependency.appCondition }
                : { kind: "job", name: d.job!, condition: argDefaults.dependency.jobCondition },
    );

const dependencyRule = rulesFor<{ dependsOn: DependencySpec[] }>();

/** Each app or job is named once. */
export const distinctDependencies = dependencyRule(["dependsOn"], (workload, _context, findings) => {
    const seen = new Map<string, number>();
    workload.dependsOn.forEach((d, index) => {
        const key = `${d.kind} "${d.name}"`;
        if (seen.has(key)) {
            findings.problem(`${key} is already named by dependsOn[${seen.get(key)}]`, ["dependsOn", index]);
        }
        seen.set(key, seen.get(key) ?? index);
    });
});
