import * as pulumi from "@pulumi/pulumi";
import type { AutoscalingSpec } from "../args/autoscaling";
import { Target } from "../stack/target";
import { AppModel } from "./app";

/* How an app scales (an AutoscalingPolicy, or a ContainerApp's `autoscaling`), resolved. */

export interface ScalingBehaviourModel {
    stabilizationWindowSeconds?: number;
    /** At most this many pods added or removed per minute. */
    podsPerMinute?: number;
}

export interface AutoscalingModel {
    /** Pulumi name of its resources: the policy's, or the app's for its own `autoscaling`. */
    name: string;
    /** What declared it, as messages name it: `AutoscalingPolicy "web-scaling"` or `ContainerApp "web" autoscaling`. */
    declaredBy: string;
    /** Whether the app declared it (its `autoscaling` arg); the app then renders its resources. */
    inline: boolean;
    target: Target;
    app: AppModel;
    minReplicas: number;
    maxReplicas: number;
    cpuUtilization?: number;
    memoryUtilization?: number;
    scaleUp?: ScalingBehaviourModel;
    scaleDown?: ScalingBehaviourModel;
    /** PodDisruptionBudget minAvailable; undefined creates no budget. */
    minAvailable?: number;
    /** The AutoscalingPolicy whose objects the app's own autoscaling takes over (aliases of them), and its URN. */
    formerPolicy?: { name: string; urn: pulumi.Input<string> };
}

/**
 * How `app` scales, from validated args; `policy` names the AutoscalingPolicy,
 * undefined for the app's own `autoscaling` (which may take over `formerPolicy`).
 */
export function autoscalingModel(app: AppModel, spec: AutoscalingSpec, policy: string | undefined, formerPolicy?: AutoscalingModel["formerPolicy"]): AutoscalingModel {
    return {
        name: policy ?? app.name,
        declaredBy: policy === undefined ? `ContainerApp "${app.name}" autoscaling` : `AutoscalingPolicy "${policy}"`,
        inline: policy === undefined,
        target: app.target,
        app,
        minReplicas: spec.minReplicas,
        maxReplicas: spec.maxReplicas,
        cpuUtilization: spec.cpuUtilization,
        memoryUtilization: spec.memoryUtilization,
        scaleUp: spec.scaleUp,
        scaleDown: spec.scaleDown,
        minAvailable: spec.minAvailable,
        formerPolicy,
    };
}
