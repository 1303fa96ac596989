import * as assert from "assert";
import { autoscalerSpec, disruptionBudgetSpec } from "../../../components/backends/kubernetes/autoscaling";
import { app, policy } from "../models";

describe("Kubernetes builder: autoscaling", () => {
    const web = app();

    it("scales the app's Deployment between min and max on the metrics named", () => {
        assert.deepStrictEqual(autoscalerSpec(policy(web, { memoryUtilization: 80 })), {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
            minReplicas: 2,
            maxReplicas: 10,
            metrics: [
                { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
                { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
            ],
            behavior: undefined,
        });
    });

    it("sets the pace per direction: a stabilisation window and pods per minute", () => {
        const spec = autoscalerSpec(policy(web, { scaleDown: { stabilizationWindowSeconds: 600, podsPerMinute: 2 } }));
        assert.deepStrictEqual(spec.behavior, {
            scaleUp: undefined,
            scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: "Pods", value: 2, periodSeconds: 60 }] },
        });
    });

    it("budgets disruptions only when minAvailable is set", () => {
        assert.strictEqual(disruptionBudgetSpec(policy(web)), undefined);
        assert.deepStrictEqual(disruptionBudgetSpec(policy(web, { minAvailable: 1 })), { minAvailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "web" } } });
    });
});
