import { z } from "zod";
import * as field from "./fields";
import { rulesFor } from "../validation/rules";

/*
 * How an app scales, as an AutoscalingPolicy and ContainerApp's `autoscaling`
 * both take it, and the rules between its fields.
 */

const behaviour = z.strictObject({
    stabilizationWindowSeconds: field.wholeNumber(0, 3600).optional(),
    podsPerMinute: field.wholeNumber(1, 1000).optional(),
});

/** The fields, for a schema that adds its own (an AutoscalingPolicy's app). */
export const autoscalingShape = {
    minReplicas: field.wholeNumber(1, 1000),
    maxReplicas: field.wholeNumber(1, 1000),
    cpuUtilization: field.wholeNumber(1, 1000).optional(),
    memoryUtilization: field.wholeNumber(1, 1000).optional(),
    scaleUp: behaviour.optional(),
    scaleDown: behaviour.optional(),
    minAvailable: field.wholeNumber(0, 1000).optional(),
};

export const autoscalingSchema = z.strictObject(autoscalingShape);

export type AutoscalingSpec = z.output<typeof autoscalingSchema>;

/** A ContainerApp's own autoscaling: the same fields, and the policy it may replace. */
export const appAutoscalingSchema = z.strictObject({ ...autoscalingShape, formerPolicy: field.name.optional() });

const scalingRule = rulesFor<AutoscalingSpec>();

const minWithinMax = scalingRule(["minReplicas", "maxReplicas"], (scaling, _context, findings) => {
    if (scaling.minReplicas > scaling.maxReplicas) {
        findings.problem(`must be less than or equal to maxReplicas (${scaling.maxReplicas})`, ["minReplicas"]);
    }
});

const namesAMetric = scalingRule(["cpuUtilization", "memoryUtilization"], (scaling, _context, findings) => {
    if (scaling.cpuUtilization === undefined && scaling.memoryUtilization === undefined) {
        findings.problem("must set cpuUtilization or memoryUtilization (the metric to scale on)");
    }
});

const budgetBelowMin = scalingRule(["minAvailable", "minReplicas"], (scaling, _context, findings) => {
    if (scaling.minAvailable !== undefined && scaling.minAvailable >= scaling.minReplicas) {
        findings.problem(`must be less than minReplicas (${scaling.minReplicas}), or no pod could ever be evicted to drain a node`, ["minAvailable"]);
    }
});

/** Rules between the fields of how an app scales, each run when the fields it reads are valid. */
export const autoscalingRules = [minWithinMax, namesAMetric, budgetBelowMin];

/** What a metric needs of the app: utilisation is measured against its request of the resource. */
export function unrequestedMetrics(
    scaling: Pick<AutoscalingSpec, "cpuUtilization" | "memoryUtilization">,
    requests: { cpu?: string; memory?: string },
): { field: "cpuUtilization" | "memoryUtilization"; request: string; what: string }[] {
    const missing: { field: "cpuUtilization" | "memoryUtilization"; request: string; what: string }[] = [];
    if (scaling.cpuUtilization !== undefined && requests.cpu === undefined) {
        missing.push({ field: "cpuUtilization", request: "resources.requests.cpu", what: "CPU" });
    }
    if (scaling.memoryUtilization !== undefined && requests.memory === undefined) {
        missing.push({ field: "memoryUtilization", request: "resources.requests.memory", what: "memory" });
    }
    return missing;
}
