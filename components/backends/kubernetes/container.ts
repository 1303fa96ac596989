import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { nonEmpty } from "../non-empty";
import { livenessProbe, readinessProbe, startupProbe } from "./probes";
import { resourceRequirements } from "./resources";
import { securityContext } from "./security-context";

/**
 * Seconds a terminating pod keeps serving before its container is stopped.
 * A pod leaves its Services' endpoints when it starts terminating, but every
 * node's kube-proxy drops it from its rules a moment later; until then new
 * connections still reach it, and a rollout would fail them.
 */
export const drainSeconds = 5;

/** The app's one container: its image (as given, or as pushed: app-image.ts) and command, env, ports, probes, resources, security settings and mounts. */
export function appContainer(
    app: AppModel,
    image: pulumi.Input<string>,
    env: k8s.types.input.core.v1.EnvVar[],
    mounts: k8s.types.input.core.v1.VolumeMount[],
): k8s.types.input.core.v1.Container {
    return {
        name: app.name,
        image,
        command: app.command,
        args: app.args,
        env: nonEmpty(env),
        ports: nonEmpty(app.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol.toUpperCase() }))),
        readinessProbe: app.healthCheck ? readinessProbe(app.healthCheck) : undefined,
        livenessProbe: app.healthCheck ? livenessProbe(app.healthCheck) : undefined,
        startupProbe: app.healthCheck ? startupProbe(app.healthCheck) : undefined,
        resources: resourceRequirements(app.resources),
        securityContext: securityContext(app.security),
        // The kubelet sleeps, not the container: images without a shell drain too.
        lifecycle: app.ports.length > 0 ? { preStop: { sleep: { seconds: drainSeconds } } } : undefined,
        volumeMounts: nonEmpty(mounts),
    };
}
