import * as pulumi from "@pulumi/pulumi";
import { validateAutoscalingPolicy } from "./validation/autoscaling-policy";
import type { ContainerApp } from "./container-app";

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

export interface AutoscalingPolicyArgs {
    /** The app to scale. Create the policy right after the app. */
    app: ContainerApp;
    /**
     * "docker" or "kubernetes"; must match the app's.
     * @default the app's target
     */
    target?: string;
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

/**
 * Scales a ContainerApp between min and max replicas on CPU and memory use.
 * Kubernetes: a HorizontalPodAutoscaler (and a PodDisruptionBudget), and the
 * app's Deployment leaves its replica count to the autoscaler. Docker has no
 * autoscaler: the app runs minReplicas containers, with a warning.
 */
export class AutoscalingPolicy extends pulumi.ComponentResource {
    /** Fewest replicas. */
    public readonly minReplicas: pulumi.Output<number>;
    /** Most replicas. */
    public readonly maxReplicas: pulumi.Output<number>;
    /** Names of the objects created (none on Docker). */
    public readonly resourceNames: pulumi.Output<string[]>;

    constructor(name: string, args: AutoscalingPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        const { model, app, backend, warnings } = validateAutoscalingPolicy(name, args);
        // Before anything is registered: the app then leaves its replica count to the policy.
        app.attachAutoscaling(model);
        super("berth:index:AutoscalingPolicy", name, {}, opts);
        for (const warning of warnings) {
            pulumi.log.warn(warning, this);
        }
        this.minReplicas = pulumi.output(model.minReplicas);
        this.maxReplicas = pulumi.output(model.maxReplicas);
        this.resourceNames = pulumi.output(backend.autoscaling.render(model, this));
        this.registerOutputs({ minReplicas: this.minReplicas, maxReplicas: this.maxReplicas, resourceNames: this.resourceNames });
    }
}
