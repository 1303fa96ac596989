import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { JobModel } from "../../model/job";

type JobSpec = k8s.types.input.batch.v1.JobSpec;

/*
 * A ContainerJob on Kubernetes: a batch/v1 Job whose name carries a hash of
 * its spec (`<job>-<hash>`). The pod template holds the hash of every config
 * the job uses and of its secret env, so a change of the job or of a config
 * gives a new name: Pulumi replaces the Job (creates the new one, which runs,
 * then deletes the old one), and an unchanged job keeps its name and is left
 * alone. A finished Job stays (no ttlSecondsAfterFinished): a TTL controller
 * deleting it would make a refresh drop it and the next `up` run it again.
 */

/** How long the hash in a Job's name is. */
const nameHashLength = 10;

/** The Job: one pod at a time, retried `retries` times, all of it within `timeoutSeconds`. */
export function jobSpec(job: JobModel, template: k8s.types.input.core.v1.PodTemplateSpec): JobSpec {
    return {
        backoffLimit: job.retries,
        activeDeadlineSeconds: job.timeoutSeconds,
        template,
    };
}

/** Keys sorted at every level, so the same spec always gives the same text. */
function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(canonicalJson).join(",")}]`;
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.keys(value)
            .sort()
            .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
            .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
        return `{${entries.join(",")}}`;
    }
    return JSON.stringify(value);
}

/**
 * `<job>-<hash of the spec>`. The spec holds no secret value (secret env is a
 * reference to the job's Secret; the rollout annotation is a one-way hash), so
 * the name is no secret either.
 */
export function jobName(job: JobModel, spec: JobSpec): pulumi.Output<string> {
    const name = pulumi.output(spec).apply((resolved) => {
        const digest = crypto.createHash("sha256").update(canonicalJson(resolved)).digest("hex");
        return `${job.name}-${digest.slice(0, nameHashLength)}`;
    });
    return pulumi.unsecret(name);
}

/** How long `up` waits for the run: the job's own deadline plus a margin, so the provider reports the Job's failure rather than its own timeout. */
export function jobTimeouts(job: JobModel): pulumi.CustomTimeouts {
    const seconds = `${job.timeoutSeconds + 120}s`;
    return { create: seconds, update: seconds };
}
