import { z } from "zod";
import * as field from "./fields";
import { appRef } from "./component-refs";
import { autoscalingShape, unrequestedMetrics } from "./autoscaling";
import { rulesFor } from "../validation/rules";

export const autoscalingPolicySchema = z.strictObject({
    app: appRef,
    target: field.target.optional(),
    ...autoscalingShape,
});

export type AutoscalingPolicySpec = z.output<typeof autoscalingPolicySchema>;

const policyRule = rulesFor<AutoscalingPolicySpec>();

/** Utilisation is measured against the app's request of the metric. */
const appRequestsTheMetric = policyRule(["app", "cpuUtilization", "memoryUtilization"], (policy, _context, findings) => {
    const app = policy.app.appModel;
    for (const missing of unrequestedMetrics(policy, app.resources.requests)) {
        findings.problem(`app "${app.name}" has no ${missing.request}; ${missing.what} utilisation is measured against it`, [missing.field]);
    }
});

/** Rules between an AutoscalingPolicy's args besides those of how it scales (args/autoscaling.ts). */
export const autoscalingPolicyRules = [appRequestsTheMetric];
