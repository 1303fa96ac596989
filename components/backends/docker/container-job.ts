import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { JobModel } from "../../model/job";
import { Readiness } from "../../validation/workload-roster";
import { RenderedWorkload } from "../backend";
import { appLabels } from "../labels";
import { ContainerParts, containerBase, containerOptions } from "./container";
import { resolveContainer } from "./container-parts";
import { helperName } from "./helper-containers";
import { namedVolumes } from "./named-volumes";
import { runOutcome, runToCompletion } from "./run-outcome";
import { createNamedVolumes, ownParts, resolveHelpers, runInitContainers } from "./workload-containers";
import { dockerImage } from "./container-image";
import { workloadBuildOwner } from "../image-build";
import { placeDockerJob } from "./allow-networks";

/** The job's container: `<network>-<job>-job` (ends in a word, so it is no replica's `<network>-<app>-<n>`). */
export function jobContainerName(job: JobModel): string {
    return `${job.network.name}-${job.name}-job`;
}

/**
 * The job's container: on the networks its reach gives it (`parts.networks`),
 * run to completion, which `up` waits for up to the job's timeout (the create
 * times out after it).
 */
export function jobContainer(job: JobModel, parts: ContainerParts): docker.ContainerArgs {
    return {
        ...containerBase(job, appLabels(job), parts),
        ...runToCompletion,
        name: jobContainerName(job),
    };
}

/**
 * A ContainerJob on Docker: its image pulled or built and resolved to its id
 * (container-image.ts), its init containers run in order, then its container,
 * which must exit 0 within the job's timeout. Its container is replaced, and
 * so the job runs again, when its spec or a config it uses changes (Docker
 * replaces a container whose image, command, env or files change; a rebuilt
 * image has a new id); an unchanged job is left alone.
 */
export async function renderDockerJob(job: JobModel, parent: pulumi.Resource, dependencies: Readiness[]): Promise<RenderedWorkload> {
    // Placed before anything is awaited, as an app is (allow-networks.ts).
    const { networks, reach } = placeDockerJob(job);
    const describe = `ContainerJob "${job.name}"`;
    const owner = workloadBuildOwner(describe, job);
    const imageId = await dockerImage(owner, job, parent);
    const own = await resolveContainer(job, describe, parent, true);
    const inits = await resolveHelpers(owner, job.initContainers, parent, true);
    const name = jobContainerName(job);
    const labels = appLabels(job);
    const after = dependencies.flatMap((d) => d.resources);

    // A volume an init container mounts too is a named volume (containers cannot share a tmpfs), as an app's replica 0's.
    const named = namedVolumes(job);
    const { namedVolume, names: resourceNames } = createNamedVolumes(job, named, 0, labels, parent);

    for (const warning of reach.warnings) {
        pulumi.log.warn(warning, parent);
    }
    const run = await runInitContainers({ owner: name, resourcePrefix: job.name, networks, labels, describe, parent, after }, inits, namedVolume);
    resourceNames.push(...inits.slice(0, run.containers.length).map((h) => helperName(name, h.model)));
    if (!run.succeeded) {
        return { resourceNames: resourceNames.sort(), readiness: { resources: run.containers, succeeded: Promise.resolve(false) } };
    }
    const parts = ownParts(job, imageId, own, named, namedVolume, networks);
    const options = { ...containerOptions(parent, own.secretOutputs, [...run.containers, ...after]), customTimeouts: { create: `${job.timeoutSeconds}s` } };
    const container = new docker.Container(job.name, jobContainer(job, parts), options);
    return {
        resourceNames: [...resourceNames, name].sort(),
        readiness: { resources: [container], succeeded: runOutcome(container, describe, parent) },
    };
}
