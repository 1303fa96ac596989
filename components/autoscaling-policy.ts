import * as pulumi from "@pulumi/pulumi";
import { validateAutoscalingPolicy } from "./validation/autoscaling-policy";
import type { ContainerApp } from "./container-app";
import type { AutoscalingArgs } from "./autoscaling";

export interface AutoscalingPolicyArgs extends AutoscalingArgs {
    /** The app to scale. Create the policy right after the app. */
    app: ContainerApp;
    /**
     * "docker" or "kubernetes"; must match the app's.
     * @default the app's target
     */
    target?: string;
}

/**
 * Scales a ContainerApp between min and max replicas on CPU and memory use.
 * The same args can be given inline instead (ContainerApp's `autoscaling`: one
 * component fewer, and the only form the component provider serves); an app
 * takes one of the two.
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
