import { z } from "zod";
import * as field from "./fields";
import { appRef } from "./component-refs";
import { rulesFor } from "../validation/rules";

const behaviour = z.strictObject({
    stabilizationWindowSeconds: field.wholeNumber(0, 3600).optional(),
    podsPerMinute: field.wholeNumber(1, 1000).optional(),
});

export const autoscalingPolicySchema = z.strictObject({
    app: appRef,
    target: field.target.optional(),
    minReplicas: field.wholeNumber(1, 1000),
    maxReplicas: field.wholeNumber(1, 1000),
    cpuUtilization: field.wholeNumber(1, 1000).optional(),
    memoryUtilization: field.wholeNumber(1, 1000).optional(),
    scaleUp: behaviour.optional(),
    scaleDown: behaviour.optional(),
    minAvailable: field.wholeNumber(0, 1000).optional(),
});

export type AutoscalingPolicySpec = z.output<typeof autoscalingPolicySchema>;

const policyRule = rulesFor<AutoscalingPolicySpec>();

const minWithinMax = policyRule(["minReplicas", "maxReplicas"], (policy, _context, findings) => {
    if (policy.minReplicas > policy.maxReplicas) {
        findings.problem(`must be less than or equal to maxReplicas (${policy.maxReplicas})`, ["minReplicas"]);
    }
});

const namesAMetric = policyRule(["cpuUtilization", "memoryUtilization"], (policy, _context, findings) => {
    if (policy.cpuUtilization === undefined && policy.memoryUtilization === undefined) {
        findings.problem("must set cpuUtilization or memoryUtilization (the metric to scale on)");
    }
});

const budgetBelowMin = policyRule(["minAvailable", "minReplicas"], (policy, _context, findings) => {
    if (policy.minAvailable !== undefined && policy.minAvailable >= policy.minReplicas) {
        findings.problem(`must be less than minReplicas (${policy.minReplicas}), or no pod could ever be evicted to drain a node`, ["minAvailable"]);
    }
});

/** Utilisation is measured against the app's request of the metric. */
const appRequestsTheMetric = policyRule(["app", "cpuUtilization", "memoryUtilization"], (policy, _context, findings) => {
    const app = policy.app.appModel;
    if (policy.cpuUtilization !== undefined && app.resources.requests.cpu === undefined) {
        findings.problem(`app "${app.name}" has no resources.requests.cpu; CPU utilisation is measured against it`, ["cpuUtilization"]);
    }
    if (policy.memoryUtilization !== undefined && app.resources.requests.memory === undefined) {
        findings.problem(`app "${app.name}" has no resources.requests.memory; memory utilisation is measured against it`, ["memoryUtilization"]);
    }
});

/** Rules between an AutoscalingPolicy's args, each run when the args it reads are valid. */
export const autoscalingPolicyRules = [minWithinMax, namesAMetric, budgetBelowMin, appRequestsTheMetric];
