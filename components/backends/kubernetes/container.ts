import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { JobModel } from "../../model/job";
import { ContainerSpecModel, HelperContainerModel } from "../../model/workload";
import { nonEmpty } from "../non-empty";
import { livenessProbe, readinessProbe, startupProbe } from "./probes";
import { resourceRequirements } from "./resources";
import { securityContext } from "./security-context";

type Container = k8s.types.input.core.v1.Container;
type EnvVar = k8s.types.input.core.v1.EnvVar;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

/**
 * Seconds a terminating pod keeps serving before its container is stopped.
 * A pod leaves its Services' endpoints when it starts terminating, but every
 * node's kube-proxy drops it from its rules a moment later; until then new
 * connections still reach it, and a rollout would fail them.
 */
export const drainSeconds = 5;

/** The image a container runs: pulled as given, or built and pushed (container-image.ts), resolved before the container is built. */
type ResolvedImage = pulumi.Input<string>;

/** A container's own parts: image and command, env, resources, security settings and mounts. */
export function container(name: string, spec: Omit<ContainerSpecModel, "image" | "build">, image: ResolvedImage, env: EnvVar[], mounts: VolumeMount[]): Container {
    return {
        name,
        image,
        command: spec.command,
        args: spec.args,
        env: nonEmpty(env),
        resources: resourceRequirements(spec.resources),
        securityContext: securityContext(spec.security),
        volumeMounts: nonEmpty(mounts),
    };
}

/** The app's one container: its own parts with its image, its ports, its probes and its drain before it stops. */
export function appContainer(app: AppModel, image: ResolvedImage, env: EnvVar[], mounts: VolumeMount[]): Container {
    return {
        ...container(app.name, app, image, env, mounts),
        ports: nonEmpty(app.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol.toUpperCase() }))),
        readinessProbe: app.healthCheck ? readinessProbe(app.healthCheck) : undefined,
        livenessProbe: app.healthCheck ? livenessProbe(app.healthCheck) : undefined,
        startupProbe: app.healthCheck ? startupProbe(app.healthCheck) : undefined,
        // The kubelet sleeps, not the container: images without a shell drain too.
        lifecycle: app.ports.length > 0 ? { preStop: { sleep: { seconds: drainSeconds } } } : undefined,
    };
}

/**
 * A container that runs to completion (a job's, an init container). When it
 * fails without writing a termination message, Kubernetes takes the end of its
 * log instead, so the provider's error on a failed run shows the last lines.
 */
export function runToCompletion(container: Container): Container {
    return { ...container, terminationMessagePolicy: "FallbackToLogsOnError" };
}

/** The job's one container. */
export function jobContainer(job: JobModel, image: ResolvedImage, env: EnvVar[], mounts: VolumeMount[]): Container {
    return runToCompletion(container(job.name, job, image, env, mounts));
}

/**
 * An init container runs to completion before the next one starts; a sidecar
 * is a native sidecar: an init container with restartPolicy Always, started
 * before the app's container and running beside it until the pod stops.
 */
export function helperContainer(helper: HelperContainerModel, image: ResolvedImage, role: "init" | "sidecar", env: EnvVar[], mounts: VolumeMount[]): Container {
    const own = container(helper.name, helper, image, env, mounts);
    return role === "init" ? runToCompletion(own) : { ...own, restartPolicy: "Always" };
}
