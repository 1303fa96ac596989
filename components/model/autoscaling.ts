import { Target } from "../stack/target";
import { AppModel } from "./app";

/* An AutoscalingPolicy, resolved. */

export interface ScalingBehaviourModel {
    stabilizationWindowSeconds?: number;
    /** At most this many pods added or removed per minute. */
    podsPerMinute?: number;
}

export interface AutoscalingModel {
    name: string;
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
}
