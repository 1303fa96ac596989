import { z } from "zod";
import * as field from "./fields";
import { appRef } from "./component-refs";

const behaviour = z.strictObject({
    stabilizationWindowSeconds: field.wholeNumber(0, 3600).optional(),
    podsPerMinute: field.wholeNumber(1, 1000).optional(),
});

export const autoscalingPolicySchema = z
    .strictObject({
        app: appRef,
        target: field.target.optional(),
        minReplicas: field.wholeNumber(1, 1000),
        maxReplicas: field.wholeNumber(1, 1000),
        cpuUtilization: field.wholeNumber(1, 1000).optional(),
        memoryUtilization: field.wholeNumber(1, 1000).optional(),
        scaleUp: behaviour.optional(),
        scaleDown: behaviour.optional(),
        minAvailable: field.wholeNumber(0, 1000).optional(),
    })
    .superRefine((policy, ctx) => {
        if (policy.minReplicas > policy.maxReplicas) {
            field.problem(ctx, ["minReplicas"], `must be less than or equal to maxReplicas (${policy.maxReplicas})`);
        }
        if (policy.cpuUtilization === undefined && policy.memoryUtilization === undefined) {
            field.problem(ctx, [], "must set cpuUtilization or memoryUtilization (the metric to scale on)");
        }
        if (policy.minAvailable !== undefined && policy.minAvailable >= policy.minReplicas) {
            field.problem(ctx, ["minAvailable"], `must be less than minReplicas (${policy.minReplicas}), or no pod could ever be evicted to drain a node`);
        }
        const requests = policy.app.appModel.resources.requests;
        if (policy.cpuUtilization !== undefined && requests.cpu === undefined) {
            field.problem(ctx, ["cpuUtilization"], `app "${policy.app.appModel.name}" has no resources.requests.cpu; CPU utilisation is measured against it`);
        }
        if (policy.memoryUtilization !== undefined && requests.memory === undefined) {
            field.problem(ctx, ["memoryUtilization"], `app "${policy.app.appModel.name}" has no resources.requests.memory; memory utilisation is measured against it`);
        }
    });

export type AutoscalingPolicySpec = z.output<typeof autoscalingPolicySchema>;
