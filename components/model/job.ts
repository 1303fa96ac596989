import type { ContainerJobSpec } from "../args/container-job";
import { Target } from "../stack/target";
import { Tier } from "../stack/berth-settings";
import { imageBuildModel } from "./image-build";
import { sortedMap } from "./maps";
import { NetworkModel } from "./network";
import { configMountModels, helperModel, securityModel, WorkloadModel } from "./workload";

/* A ContainerJob, resolved: a container that runs to completion, its defaults filled and maps sorted. */

export interface JobModel extends WorkloadModel {
    /** Seconds the run may take: Kubernetes activeDeadlineSeconds, on Docker how long `up` waits for the exit. */
    timeoutSeconds: number;
    /** Runs after a failed one (Kubernetes backoffLimit; Docker runs once). */
    retries: number;
}

/** Where a valid job goes, resolved before its model is built. */
export interface JobPlacement {
    target: Target;
    network: NetworkModel;
    tier: Tier;
    skipAwait: boolean;
}

/** The model of a valid ContainerJob. */
export function jobModel(name: string, spec: ContainerJobSpec, placement: JobPlacement): JobModel {
    return {
        name,
        target: placement.target,
        network: placement.network,
        image: spec.image,
        build: spec.build && imageBuildModel(spec.build),
        command: spec.command,
        args: spec.args,
        env: sortedMap(spec.env),
        configs: configMountModels(spec.configs),
        volumes: spec.volumes,
        resources: spec.resources,
        labels: sortedMap(spec.labels),
        security: securityModel(spec.security),
        dependsOn: spec.dependsOn,
        initContainers: spec.initContainers.map(helperModel),
        timeoutSeconds: spec.timeoutSeconds,
        retries: spec.retries,
        skipAwait: placement.skipAwait,
        tier: placement.tier,
    };
}
