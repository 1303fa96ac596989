import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { StringMap } from "../../model/maps";
import { HelperContainerModel, WorkloadModel } from "../../model/workload";
import { BuildOwner, helperBuildOwner } from "../image-build";
import { ContainerParts, containerOptions } from "./container";
import { dockerImage } from "./container-image";
import { resolveContainer, ResolvedContainer } from "./container-parts";
import { initContainer } from "./helper-containers";
import { dockerLabels } from "./label-list";
import { namedVolumeKey, namedVolumeName } from "./named-volumes";
import { VolumeModel } from "../../model/app";
import { runOutcome } from "./run-outcome";
import { tmpfsMounts } from "./tmpfs";

/*
 * What an app's and a job's containers on Docker are made of: each image
 * resolved to its id once, each container's env and files resolved once, and
 * the init containers run, in order, before the container they serve.
 */

/** A helper container, resolved once for all the replicas it serves. */
export interface ResolvedHelper {
    model: HelperContainerModel;
    imageId: pulumi.Output<string>;
    resolved: ResolvedContainer;
}

/** Each helper's image (pulled or built; its resource `<workload>.<helper>-image`) and parts. */
export async function resolveHelpers(owner: BuildOwner, helpers: HelperContainerModel[], parent: pulumi.Resource, runToCompletion: boolean): Promise<ResolvedHelper[]> {
    const out: ResolvedHelper[] = [];
    for (const helper of helpers) {
        const helperOwner = helperBuildOwner(owner, helper, runToCompletion ? "init container" : "sidecar");
        out.push({
            model: helper,
            imageId: await dockerImage(helperOwner, helper, parent),
            resolved: await resolveContainer(helper, helperOwner.description, parent, runToCompletion),
        });
    }
    return out;
}

/** One replica's named volumes: each volume's name as an output (so containers wait for it), and the names created. */
export interface ReplicaVolumes {
    namedVolume(volume: string): pulumi.Input<string>;
    names: string[];
}

/** Creates the named volumes of one replica (a job's are its replica 0's). */
export function createNamedVolumes(workload: Pick<WorkloadModel, "name" | "network">, volumes: VolumeModel[], replica: number, labels: StringMap, parent: pulumi.Resource): ReplicaVolumes {
    const byVolume = new Map<string, pulumi.Output<string>>();
    const names: string[] = [];
    for (const volume of volumes) {
        const volumeName = namedVolumeName(workload.network.name, workload.name, volume.name, replica);
        byVolume.set(volume.name, new docker.Volume(namedVolumeKey(workload.name, volume.name, replica), { name: volumeName, labels: dockerLabels(labels) }, { parent }).name);
        names.push(volumeName);
    }
    return { namedVolume: (volume) => byVolume.get(volume)!, names };
}

/** A helper's parts for one replica: its image, env and files, its own /tmp, and the replica's named volumes it mounts. */
export function helperParts(helper: ResolvedHelper, namedVolume: (volume: string) => pulumi.Input<string>): ContainerParts {
    return {
        imageId: helper.imageId,
        envs: helper.resolved.envs,
        uploads: helper.resolved.uploads,
        readOnlyRoot: helper.resolved.readOnlyRoot,
        tmpfs: tmpfsMounts(helper.model.security, []),
        volumes: helper.model.mounts.map((m) => ({ volumeName: namedVolume(m.volume), containerPath: m.mountPath, readOnly: m.readOnly })),
    };
}

/**
 * The parts of a workload's own container (an app's replica, a job's one run):
 * tmpfs for its ephemeral volumes, its named volumes, its networks.
 */
export function ownParts(
    workload: Pick<WorkloadModel, "security" | "volumes">,
    imageId: pulumi.Input<string>,
    own: ResolvedContainer,
    named: VolumeModel[],
    namedVolume: (volume: string) => pulumi.Input<string>,
    networks: docker.types.input.ContainerNetworksAdvanced[],
): ContainerParts {
    return {
        imageId,
        envs: own.envs,
        uploads: own.uploads,
        readOnlyRoot: own.readOnlyRoot,
        tmpfs: tmpfsMounts(
            workload.security,
            workload.volumes.filter((v) => !named.includes(v)),
        ),
        volumes: named.map((v) => ({ volumeName: namedVolume(v.name), containerPath: v.mountPath, readOnly: v.readOnly })),
        networks,
    };
}

/** Where a container's init containers go. */
export interface InitRun {
    /** The Docker name of the container they serve. */
    owner: string;
    /** Prefix of their Pulumi resource names (`web-0`, `migrate`). */
    resourcePrefix: string;
    /** The networks they join: those of the container they serve, under no name of their own. */
    networks: docker.types.input.ContainerNetworksAdvanced[];
    labels: StringMap;
    /** How a failure names them, e.g. `ContainerApp "web"`. */
    describe: string;
    parent: pulumi.Resource;
    /** What the first of them waits for (the workload's dependencies). */
    after: pulumi.Resource[];
}

/**
 * Runs the init containers in order, each once the one before succeeded (during
 * `up` that is once it exited 0; a preview plans them all), and resolves
 * whether all of them did. The container they serve is created after them,
 * and only when they all succeeded.
 */
export async function runInitContainers(run: InitRun, helpers: ResolvedHelper[], namedVolume: (volume: string) => pulumi.Input<string>): Promise<{ containers: docker.Container[]; succeeded: boolean }> {
    const containers: docker.Container[] = [];
    for (const helper of helpers) {
        const before = containers.length > 0 ? [containers[containers.length - 1]] : run.after;
        const args = initContainer(helper.model, run.owner, run.labels, { ...helperParts(helper, namedVolume), networks: run.networks });
        const container = new docker.Container(`${run.resourcePrefix}.${helper.model.name}`, args, containerOptions(run.parent, helper.resolved.secretOutputs, before));
        containers.push(container);
        if (!(await runOutcome(container, `${run.describe}: init container "${helper.model.name}" of ${run.owner}`, run.parent))) {
            return { containers, succeeded: false };
        }
    }
    return { containers, succeeded: true };
}
