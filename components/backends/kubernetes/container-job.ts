import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { JobModel } from "../../model/job";
import { Readiness } from "../../validation/workload-roster";
import { RenderedWorkload } from "../backend";
import { jobContainer } from "./container";
import { kubernetesHelperImages, kubernetesImage } from "./container-image";
import { workloadBuildOwner } from "../image-build";
import { jobName, jobSpec, jobTimeouts } from "./job";
import { workloadPod } from "./pod";
import { WorkloadObjects } from "./workload-objects";

/**
 * A ContainerJob on Kubernetes: a batch/v1 Job named after its spec (job.ts),
 * and a Secret for its secret env values. The provider waits until the Job
 * completes (unless it skips awaits) and fails `up` naming the Job, its
 * container's exit code and the end of its log when it fails.
 */
export async function renderKubernetesJob(job: JobModel, parent: pulumi.Resource, dependencies: Readiness[]): Promise<RenderedWorkload> {
    const objects = new WorkloadObjects(job, parent);
    // The images as given, or built and pushed to the stack's registry (by digest): a new digest is a new spec, so a new Job that runs.
    const owner = workloadBuildOwner(`ContainerJob "${job.name}"`, job);
    const image = await kubernetesImage(owner, job, parent);
    const helperImages = await kubernetesHelperImages(owner, job.initContainers, [], parent);
    const template = await workloadPod(job, [], objects, (env, mounts) => jobContainer(job, image, env, mounts), helperImages, "Never");
    const spec = jobSpec(job, template);
    const name = jobName(job, spec);
    const options = { ...objects.after(dependencies.flatMap((d) => d.resources)), customTimeouts: jobTimeouts(job) };
    const created = new k8s.batch.v1.Job(job.name, { metadata: objects.metadata("Job", name), spec }, options);
    return {
        resourceNames: objects.sortedNames(),
        readiness: { resources: [created], succeeded: Promise.resolve(true) },
    };
}
