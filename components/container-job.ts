import * as pulumi from "@pulumi/pulumi";
import { argDefaults } from "./args/defaults";
import { RenderedWorkload } from "./backends/backend";
import { JobModel } from "./model/job";
import { validateContainerJob } from "./validation/container-job";
import { notRendered, renderWhenReady } from "./validation/workload-rendering";
import type { AppNetwork } from "./app-network";
import type { ConfigMountArgs, ImageBuildArgs, ResourcesArgs, SecurityArgs, VolumeArgs } from "./container-app";
import type { DependencyArgs } from "./dependency";
import type { HelperContainerArgs } from "./helper-container";

export interface ContainerJobArgs {
    /** The network the job joins; it reaches the network's apps by their names. */
    network: AppNetwork;
    /**
     * "docker" or "kubernetes"; must match the network's.
     * @default the network's target
     */
    target?: string;
    /**
     * Image reference, e.g. registry.example.com/shop/migrate:1.4.2. Set exactly one of image and build.
     * @default none: the image is built (`build`)
     */
    image?: pulumi.Input<string>;
    /**
     * Build the image from source instead, as a ContainerApp's (same rules and
     * rebuilds); a rebuilt image runs the job again.
     * @default none: the image is pulled (`image`)
     */
    build?: ImageBuildArgs;
    /**
     * Replaces the image's entrypoint.
     * @default the image's entrypoint
     */
    command?: string[];
    /**
     * Arguments (replace the image's CMD).
     * @default the image's CMD
     */
    args?: string[];
    /**
     * Env vars. A value that is a Pulumi secret stays one: a Kubernetes Secret referenced by key.
     * @default {@link argDefaults.job.env}
     */
    env?: { [name: string]: pulumi.Input<string> };
    /**
     * AppConfigs the job uses; a change to one runs the job again.
     * @default {@link argDefaults.job.configs}
     */
    configs?: ConfigMountArgs[];
    /**
     * Ephemeral volumes (scratch space for one run; a job keeps no data of its own).
     * @default {@link argDefaults.job.volumes}
     */
    volumes?: VolumeArgs[];
    /**
     * CPU and memory requests and limits.
     * @default none
     */
    resources?: ResourcesArgs;
    /**
     * Labels on everything the job creates.
     * @default {@link argDefaults.job.labels}
     */
    labels?: { [key: string]: string };
    /**
     * Security settings; each default is the secure choice and can be opted out of.
     * @default non-root {@link argDefaults.security.runAsUser}, read-only root, no capabilities, no privilege escalation
     */
    security?: SecurityArgs;
    /**
     * Apps and jobs of the network that must be started, healthy or completed before the job runs.
     * @default {@link argDefaults.job.dependsOn}
     */
    dependsOn?: DependencyArgs[];
    /**
     * Containers that run to completion, in order, before the job's container.
     * @default {@link argDefaults.job.initContainers}
     */
    initContainers?: HelperContainerArgs[];
    /**
     * Seconds a run may take. Kubernetes: the Job's activeDeadlineSeconds. Docker: how long `up` waits for the container to exit.
     * @default {@link argDefaults.job.timeoutSeconds}
     */
    timeoutSeconds?: number;
    /**
     * Runs after a failed one (Kubernetes backoffLimit; Docker runs once, with a warning).
     * @default {@link argDefaults.job.retries}
     */
    retries?: number;
    /**
     * Kubernetes: skip the provider's wait for the Job to complete.
     * @default the stack config `berth:skipAwait`, else false
     */
    skipAwait?: boolean;
}

/**
 * A container that runs to completion: a schema migration, a seed, a one-off
 * task. It runs on the first `up`, and again when its own spec or a config it
 * uses changes, not on every `up`; `up` fails when it fails, naming the job,
 * its exit code and the last lines of its log. Docker: a container that must
 * exit 0 within the timeout. Kubernetes: a batch/v1 Job.
 */
export class ContainerJob extends pulumi.ComponentResource {
    /** Names of the objects created for the job (the Kubernetes Job's carries the hash of its spec). */
    public readonly resourceNames: pulumi.Output<string[]>;
    /** @internal The resolved description the backends use. */
    public readonly jobModel: JobModel;

    constructor(name: string, args: ContainerJobArgs, opts?: pulumi.ComponentResourceOptions) {
        const { model, backend, warnings } = validateContainerJob(name, args, opts);
        super("berth:index:ContainerJob", name, {}, opts);
        for (const warning of warnings) {
            pulumi.log.warn(warning, this);
        }
        this.jobModel = model;
        // Rendered once every app and job of the program is checked, after its dependencies (see ContainerApp).
        const rendering = renderWhenReady<RenderedWorkload>(
            this,
            {
                componentType: "ContainerJob",
                kind: "job",
                name,
                network: model.network,
                dependsOn: model.dependsOn,
                allowFrom: [],
                hasHealthCheck: false,
                lateRules: () => undefined,
            },
            (dependencies) => backend.job.render(model, this, dependencies),
            notRendered(),
        );
        this.resourceNames = pulumi.output(rendering.then((r) => r.resourceNames));
        this.registerOutputs({ resourceNames: this.resourceNames });
    }
}
