import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { isStateful } from "../../model/app";
import { AutoscalingModel, ScalingBehaviourModel } from "../../model/autoscaling";
import { appLabels, selectorLabels } from "../labels";
import { objectMetadata } from "./metadata";

/**
 * An AutoscalingPolicy on Kubernetes: a HorizontalPodAutoscaler (autoscaling/v2)
 * scaling the app's Deployment, and a PodDisruptionBudget when minAvailable is set.
 * Returns the names of the objects created.
 */
export function renderKubernetesAutoscaling(policy: AutoscalingModel, parent: pulumi.Resource): string[] {
    const app = policy.app;
    const metadata = objectMetadata(app.name, app.network.ref, appLabels(app), app.skipAwait);
    // An app that took over its former policy's args keeps that policy's objects: they were named after it, under it.
    const former = policy.formerPolicy;
    const opts: pulumi.CustomResourceOptions = { parent, aliases: former ? [{ name: former.name, parent: former.urn }] : undefined };
    new k8s.autoscaling.v2.HorizontalPodAutoscaler(policy.name, { metadata, spec: autoscalerSpec(policy) }, opts);
    const names = [`HorizontalPodAutoscaler/${app.name}`];
    const budget = disruptionBudgetSpec(policy);
    if (budget) {
        new k8s.policy.v1.PodDisruptionBudget(policy.name, { metadata, spec: budget }, opts);
        names.push(`PodDisruptionBudget/${app.name}`);
    }
    return names;
}

/** Scales the app's Deployment (StatefulSet, for an app that keeps data) on the metrics the policy names, at the pace it sets. */
export function autoscalerSpec(policy: AutoscalingModel): k8s.types.input.autoscaling.v2.HorizontalPodAutoscalerSpec {
    const utilisation = (name: string, averageUtilization: number | undefined): k8s.types.input.autoscaling.v2.MetricSpec[] =>
        averageUtilization === undefined ? [] : [{ type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } }];
    return {
        scaleTargetRef: { apiVersion: "apps/v1", kind: isStateful(policy.app) ? "StatefulSet" : "Deployment", name: policy.app.name },
        minReplicas: policy.minReplicas,
        maxReplicas: policy.maxReplicas,
        metrics: [...utilisation("cpu", policy.cpuUtilization), ...utilisation("memory", policy.memoryUtilization)],
        behavior: policy.scaleUp || policy.scaleDown ? { scaleUp: scalingRules(policy.scaleUp), scaleDown: scalingRules(policy.scaleDown) } : undefined,
    };
}

/** Pods that stay during voluntary disruptions (node drains); undefined without minAvailable. */
export function disruptionBudgetSpec(policy: AutoscalingModel): k8s.types.input.policy.v1.PodDisruptionBudgetSpec | undefined {
    return policy.minAvailable === undefined ? undefined : { minAvailable: policy.minAvailable, selector: { matchLabels: selectorLabels(policy.app.name) } };
}

function scalingRules(behaviour: ScalingBehaviourModel | undefined): k8s.types.input.autoscaling.v2.HPAScalingRules | undefined {
    if (!behaviour) {
        return undefined;
    }
    return {
        stabilizationWindowSeconds: behaviour.stabilizationWindowSeconds,
        policies: behaviour.podsPerMinute !== undefined ? [{ type: "Pods", value: behaviour.podsPerMinute, periodSeconds: 60 }] : undefined,
    };
}
