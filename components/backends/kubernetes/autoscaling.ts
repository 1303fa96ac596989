import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { appLabels, selectorLabels } from "../labels";
import { AutoscalingModel, ScalingBehaviourModel } from "../../model/autoscaling";
import { objectMetadata } from "./metadata";

/**
 * An AutoscalingPolicy on Kubernetes: a HorizontalPodAutoscaler (autoscaling/v2)
 * scaling the app's Deployment, and a PodDisruptionBudget when minAvailable is set.
 * Returns the names of the objects created.
 */
export function renderKubernetesAutoscaling(policy: AutoscalingModel, parent: pulumi.Resource): string[] {
    const app = policy.app;
    const metadata = objectMetadata(app.name, app.network.ref, appLabels(app), app.skipAwait);
    const metrics: k8s.types.input.autoscaling.v2.MetricSpec[] = [];
    if (policy.cpuUtilization !== undefined) {
        metrics.push({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: policy.cpuUtilization } } });
    }
    if (policy.memoryUtilization !== undefined) {
        metrics.push({ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: policy.memoryUtilization } } });
    }
    const behavior = policy.scaleUp || policy.scaleDown ? { scaleUp: rules(policy.scaleUp), scaleDown: rules(policy.scaleDown) } : undefined;

    new k8s.autoscaling.v2.HorizontalPodAutoscaler(
        policy.name,
        {
            metadata,
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: app.name },
                minReplicas: policy.minReplicas,
                maxReplicas: policy.maxReplicas,
                metrics,
                behavior,
            },
        },
        { parent },
    );
    const names = [`HorizontalPodAutoscaler/${app.name}`];

    if (policy.minAvailable !== undefined) {
        new k8s.policy.v1.PodDisruptionBudget(
            policy.name,
            { metadata, spec: { minAvailable: policy.minAvailable, selector: { matchLabels: selectorLabels(app.name) } } },
            { parent },
        );
        names.push(`PodDisruptionBudget/${app.name}`);
    }
    return names;
}

function rules(behaviour: ScalingBehaviourModel | undefined): k8s.types.input.autoscaling.v2.HPAScalingRules | undefined {
    if (!behaviour) {
        return undefined;
    }
    return {
        stabilizationWindowSeconds: behaviour.stabilizationWindowSeconds,
        policies: behaviour.podsPerMinute !== undefined ? [{ type: "Pods", value: behaviour.podsPerMinute, periodSeconds: 60 }] : undefined,
    };
}
