import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { nonEmpty } from "../non-empty";
import { probe } from "./probes";
import { resourceRequirements } from "./resources";
import { securityContext } from "./security-context";

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
        readinessProbe: app.healthCheck ? probe(app.healthCheck) : undefined,
        livenessProbe: app.healthCheck ? probe(app.healthCheck) : undefined,
        resources: resourceRequirements(app.resources),
        securityContext: securityContext(app.security),
        volumeMounts: nonEmpty(mounts),
    };
}
