import * as pulumi from "@pulumi/pulumi";
import { parseArgs } from "./validation/errors";
import { autoscalingPolicySchema } from "./args/autoscaling-policy";
import { AutoscalingModel } from "./model/autoscaling";
import { resolveTarget } from "./stack/target";
import { targetMismatchProblem } from "./args/component-refs";
import { warnUnsupported } from "./backends/capabilities";
import { renderKubernetesAutoscaling } from "./backends/kubernetes/autoscaling";
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
        const spec = parseArgs("AutoscalingPolicy", name, autoscalingPolicySchema, args, [targetMismatchProblem(args, "app", "appModel", "app")]);
        const app = spec.app.appModel;
        const target = resolveTarget("AutoscalingPolicy", name, spec.target ?? app.target);
        if (target === "docker" && spec.minReplicas > 1 && app.ports.some((p) => p.publish !== undefined)) {
            throw new Error(
                `AutoscalingPolicy "${name}": minReplicas ${spec.minReplicas} on Docker needs ${spec.minReplicas} containers, ` +
                    `but app "${app.name}" publishes a host port, which one container only can bind; use minReplicas: 1 on Docker stacks`,
            );
        }
        const persistent = app.volumes.find((v) => v.persistent);
        if (persistent !== undefined && spec.maxReplicas > 1) {
            throw new Error(
                `AutoscalingPolicy "${name}": maxReplicas ${spec.maxReplicas} would run several replicas of app "${app.name}", ` +
                    `but its persistent volume "${persistent.name}" is mounted by one replica only; do not autoscale an app with a persistent volume`,
            );
        }
        const model: AutoscalingModel = {
            name,
            target,
            app,
            minReplicas: spec.minReplicas,
            maxReplicas: spec.maxReplicas,
            cpuUtilization: spec.cpuUtilization,
            memoryUtilization: spec.memoryUtilization,
            scaleUp: spec.scaleUp,
            scaleDown: spec.scaleDown,
            minAvailable: spec.minAvailable,
        };
        // Throws, before anything is registered, when the app has already been deployed.
        (spec.app as unknown as ContainerApp).attachAutoscaling(model);
        super("berth:index:AutoscalingPolicy", name, {}, opts);

        let names: string[] = [];
        if (target === "kubernetes") {
            names = renderKubernetesAutoscaling(model, this);
        } else {
            warnUnsupported("autoscaling", target, this, `AutoscalingPolicy "${name}": app "${app.name}" runs ${spec.minReplicas} container(s)`);
        }
        this.minReplicas = pulumi.output(spec.minReplicas);
        this.maxReplicas = pulumi.output(spec.maxReplicas);
        this.resourceNames = pulumi.output(names);
        this.registerOutputs({ minReplicas: this.minReplicas, maxReplicas: this.maxReplicas, resourceNames: this.resourceNames });
    }
}
