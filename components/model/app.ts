import * as pulumi from "@pulumi/pulumi";
import type { ContainerAppSpec } from "../args/container-app";
import { defaultPortName } from "../args/defaults";
import { Target } from "../stack/target";
import { Tier } from "../stack/berth-settings";
import { ConfigModel } from "./config";
import { ImageBuildModel, imageBuildModel } from "./image-build";
import { InputMap, sortedMap, StringMap } from "./maps";
import { NetworkModel } from "./network";

/* A ContainerApp, resolved: every default filled, maps sorted, ports in a fixed order. */

export interface PortModel {
    name: string;
    port: number;
    protocol: "tcp" | "udp";
    /** Host port (Docker) or external Service port (Kubernetes). */
    publish?: number;
}

/** How often a health check runs and how many failures count. */
export interface CheckTiming {
    intervalSeconds: number;
    timeoutSeconds: number;
    failureThreshold: number;
    initialDelaySeconds: number;
}

/** One kind of check, with what that kind needs. */
export type HealthCheckModel = CheckTiming & ({ kind: "http"; path: string; port: number } | { kind: "tcp"; port: number } | { kind: "command"; command: string[] });

export interface ResourceAmounts {
    cpu?: string;
    memory?: string;
}

export interface ResourcesModel {
    requests: ResourceAmounts;
    limits: ResourceAmounts;
}

export interface VolumeModel {
    name: string;
    mountPath: string;
    persistent: boolean;
    /** Persistent volumes: requested size, canonical quantity. */
    size: string;
    readOnly: boolean;
}

export interface ConfigMountModel {
    config: ConfigModel;
    /** Where the config's files appear in the container; undefined mounts no files. */
    mountPath?: string;
    /** Whether the config's values and secrets become env vars. */
    env: boolean;
}

export interface IngressModel {
    host: string;
    path: string;
    portName: string;
    className?: string;
    tlsSecretName?: string;
}

export interface SecurityModel {
    runAsNonRoot: boolean;
    runAsUser: number;
    runAsGroup: number;
    readOnlyRootFilesystem: boolean;
    dropAllCapabilities: boolean;
    allowPrivilegeEscalation: boolean;
}

export type RestartPolicy = "always" | "on-failure" | "never";

export interface AppModel {
    name: string;
    target: Target;
    network: NetworkModel;
    /** The image to pull; undefined when it is built from source (`build`). */
    image?: pulumi.Input<string>;
    /** The image's source, when it is built rather than pulled. */
    build?: ImageBuildModel;
    command?: string[];
    args?: string[];
    env: InputMap;
    configs: ConfigMountModel[];
    ports: PortModel[];
    healthCheck?: HealthCheckModel;
    resources: ResourcesModel;
    replicas: number;
    restartPolicy: RestartPolicy;
    volumes: VolumeModel[];
    labels: StringMap;
    ingress?: IngressModel;
    allowFrom: string[];
    security: SecurityModel;
    skipAwait: boolean;
    /** Docker: seconds `up` waits for a container with a health check to be healthy. */
    healthyTimeoutSeconds: number;
    /** The stack's tier, whose rules the app was checked against. */
    tier: Tier;
}

/** Where a valid app goes, resolved before its model is built. */
export interface AppPlacement {
    target: Target;
    network: NetworkModel;
    tier: Tier;
    skipAwait: boolean;
}

/** The model of a valid ContainerApp: defaults filled, maps sorted, ports in a fixed order. */
export function appModel(name: string, spec: ContainerAppSpec, placement: AppPlacement): AppModel {
    return {
        name,
        target: placement.target,
        network: placement.network,
        image: spec.image,
        build: spec.build && imageBuildModel(spec.build),
        command: spec.command,
        args: spec.args,
        env: sortedMap(spec.env),
        configs: spec.configs.map((c) => ({ config: c.config.configModel, mountPath: c.mountPath, env: c.env })),
        ports: portModels(spec.ports),
        healthCheck: spec.healthCheck && healthCheckModel(spec.healthCheck),
        resources: spec.resources,
        replicas: spec.replicas,
        restartPolicy: spec.restartPolicy,
        volumes: spec.volumes,
        labels: sortedMap(spec.labels),
        ingress: spec.ingress && {
            host: spec.ingress.host,
            path: spec.ingress.path,
            portName: spec.ingress.port,
            className: spec.ingress.className,
            tlsSecretName: spec.ingress.tlsSecretName,
        },
        allowFrom: [...spec.allowFrom].sort(),
        security: spec.security,
        skipAwait: placement.skipAwait,
        healthyTimeoutSeconds: spec.healthyTimeoutSeconds,
        tier: placement.tier,
    };
}

/** Ports sorted by number and protocol, each named ("port-<port>" unless given). */
function portModels(ports: ContainerAppSpec["ports"]): PortModel[] {
    return [...ports]
        .sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol))
        .map((p) => ({ name: p.name ?? defaultPortName(p.port), port: p.port, protocol: p.protocol, publish: p.publish }));
}

function healthCheckModel(check: NonNullable<ContainerAppSpec["healthCheck"]>): HealthCheckModel {
    const timing: CheckTiming = {
        intervalSeconds: check.intervalSeconds,
        timeoutSeconds: check.timeoutSeconds,
        failureThreshold: check.failureThreshold,
        initialDelaySeconds: check.initialDelaySeconds,
    };
    if (check.http) {
        return { kind: "http", path: check.http.path, port: check.http.port, ...timing };
    }
    if (check.tcp) {
        return { kind: "tcp", port: check.tcp.port, ...timing };
    }
    if (check.command) {
        return { kind: "command", command: check.command, ...timing };
    }
    throw new Error("a health check sets one of http, tcp or command (checked with the args)");
}
