import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { selectorLabels } from "../labels";

/**
 * The Deployment of an app that keeps no data. `replicas` undefined means an
 * autoscaler owns the count: spec.replicas is then left out, so server-side
 * apply never fights the HorizontalPodAutoscaler.
 */
export function deploymentSpec(app: AppModel, replicas: number | undefined, template: k8s.types.input.core.v1.PodTemplateSpec): k8s.types.input.apps.v1.DeploymentSpec {
    return {
        replicas,
        selector: { matchLabels: selectorLabels(app.name) },
        // A singleton's old pod stops before the new one starts; others keep every old pod until its replacement is ready.
        strategy: app.singleton ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template,
    };
}
