/*
 * How an app scales: what an AutoscalingPolicy takes besides its app, and what
 * a ContainerApp takes inline as `autoscaling`.
 */

export interface ScalingBehaviourArgs {
    /**
     * Seconds of past recommendations considered before scaling in this direction.
     * @default Kubernetes' default (0 up, 300 down)
     */
    stabilizationWindowSeconds?: number;
    /**
     * At most this many pods added (scaleUp) or removed (scaleDown) per minute.
     * @default Kubernetes' default
     */
    podsPerMinute?: number;
}

export interface AutoscalingArgs {
    /** Fewest replicas (Docker runs exactly this many). */
    minReplicas: number;
    /** Most replicas. */
    maxReplicas: number;
    /**
     * Target average CPU use, percent of the app's CPU request.
     * @default not scaled on CPU
     */
    cpuUtilization?: number;
    /**
     * Target average memory use, percent of the app's memory request.
     * @default not scaled on memory
     */
    memoryUtilization?: number;
    /**
     * How fast to scale up.
     * @default Kubernetes' default
     */
    scaleUp?: ScalingBehaviourArgs;
    /**
     * How fast to scale down.
     * @default Kubernetes' default
     */
    scaleDown?: ScalingBehaviourArgs;
    /**
     * Pods that must stay available during voluntary disruptions such as node drains
     * (a PodDisruptionBudget); must be below minReplicas.
     * @default no budget
     */
    minAvailable?: number;
}

export interface AppAutoscalingArgs extends AutoscalingArgs {
    /**
     * The AutoscalingPolicy that scaled the app before it took these args
     * itself. Its objects (the HorizontalPodAutoscaler, the PodDisruptionBudget)
     * are then kept, not deleted and created again (Pulumi aliases); the policy
     * must have had the app's parent. Remove it once every stack has had an `up`.
     * @default none (the app had no policy)
     */
    formerPolicy?: string;
}
