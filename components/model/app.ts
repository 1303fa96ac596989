import type { ContainerAppSpec } from "../args/container-app";
import { argDefaults, defaultPortName } from "../args/defaults";
import { Target } from "../stack/target";
import { Tier } from "../stack/berth-settings";
import { ConfigModel } from "./config";
import { imageBuildModel } from "./image-build";
import { sortedMap } from "./maps";
import { NetworkModel } from "./network";
import { configMountModels, HelperContainerModel, helperModel, securityModel, WorkloadModel } from "./workload";

/* A ContainerApp, resolved: every default filled, maps sorted, ports in a fixed order. */

export interface PortModel {
    name: string;
    port: number;
    protocol: "tcp" | "udp";
    /** Host port (Docker) or external Service port (Kubernetes). */
    publish?: number;
}

/** Kubernetes: the Service type that exposes published ports, or none (an app behind its ingress). */
export type PublishAs = "LoadBalancer" | "NodePort" | "none";

/** How often a health check runs and how many failures count. */
export interface CheckTiming {
    intervalSeconds: number;
    timeoutSeconds: number;
    failureThreshold: number;
    initialDelaySeconds: number;
}

/** How tolerant the liveness probe is, and how long a slow starter may take. */
export interface CheckTolerance {
    /** Kubernetes: consecutive failures before a restart (at least failureThreshold). */
    livenessFailureThreshold: number;
    /** Seconds allowed for the first check to pass (a startup probe); none when undefined. */
    startupSeconds?: number;
}

/** One kind of check, with what that kind needs. */
export type HealthCheckModel = CheckTiming & CheckTolerance & ({ kind: "http"; path: string; port: number } | { kind: "tcp"; port: number } | { kind: "command"; command: string[] });

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
    /** Whether the config's values (and, unless secretsAsFiles, its secrets) become env vars. */
    env: boolean;
    /** Whether the config's secrets are files under mountPath (and never env vars). */
    secretsAsFiles: boolean;
}

export interface IngressModel {
    host: string;
    path: string;
    portName: string;
    className?: string;
    tlsSecretName?: string;
    /** Namespace of the ingress controller, the one source admitted on the ingress port. */
    controllerNamespace: string;
}

/** An outside destination an app may connect to. */
export interface DestinationModel {
    cidr: string;
    /** One port, or every port when undefined. */
    port?: number;
    protocol: "tcp" | "udp";
}

/** Where an app may connect. */
export interface EgressModel {
    /** Whether egress is limited to what follows (and DNS): the network denies by default, or the app names allowTo. */
    restricted: boolean;
    /** Apps on the network it may reach, sorted. */
    apps: string[];
    /** Outside destinations it may reach, sorted. */
    destinations: DestinationModel[];
}

export interface SecurityModel {
    runAsNonRoot: boolean;
    runAsUser: number;
    runAsGroup: number;
    readOnlyRootFilesystem: boolean;
    dropAllCapabilities: boolean;
    allowPrivilegeEscalation: boolean;
    /** Kubernetes fsGroup: the group owning the pod's volumes; the runAsGroup of a non-root app unless set. */
    fsGroup?: number;
    /** Kubernetes: a pod-level security context beside the container's. */
    podSecurityContext: boolean;
}

export type RestartPolicy = "always" | "on-failure" | "never";

export interface AppModel extends WorkloadModel {
    ports: PortModel[];
    healthCheck?: HealthCheckModel;
    replicas: number;
    restartPolicy: RestartPolicy;
    ingress?: IngressModel;
    /** Kubernetes: how published ports are exposed. */
    publishAs: PublishAs;
    allowFrom: string[];
    egress: EgressModel;
    /** Docker: seconds `up` waits for a container with a health check to be healthy. */
    healthyTimeoutSeconds: number;
    /** Exactly one instance, never two at once (also not during an update). */
    singleton: boolean;
    sidecars: HelperContainerModel[];
}

/** An app that keeps data: one persistent volume per replica (Kubernetes StatefulSet, Docker named volumes). */
export function isStateful(app: Pick<AppModel, "volumes">): boolean {
    return app.volumes.some((v) => v.persistent);
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
        configs: configMountModels(spec.configs),
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
            controllerNamespace: spec.ingress.controllerNamespace,
        },
        publishAs: resolvePublishAs(spec.publishAs, spec.ingress !== undefined),
        allowFrom: [...spec.allowFrom].sort(),
        egress: egressModel(spec.allowTo, placement.network.defaultDenyEgress),
        security: securityModel(spec.security),
        skipAwait: placement.skipAwait,
        healthyTimeoutSeconds: spec.healthyTimeoutSeconds,
        tier: placement.tier,
        singleton: spec.singleton,
        dependsOn: spec.dependsOn,
        initContainers: spec.initContainers.map(helperModel),
        sidecars: spec.sidecars.map(helperModel),
    };
}

/** How published ports are exposed: an app behind an ingress is reached through it, and its TLS, unless the program asks for more. */
export function resolvePublishAs(publishAs: PublishAs | undefined, hasIngress: boolean): PublishAs {
    return publishAs ?? (hasIngress ? "none" : "LoadBalancer");
}

/** Where the app may connect: apps by name and destinations, each once and sorted. */
function egressModel(allowTo: ContainerAppSpec["allowTo"], networkDeniesEgress: boolean): EgressModel {
    const apps = [...new Set(allowTo.flatMap((to) => (to.app !== undefined ? [to.app] : [])))].sort();
    const byKey = new Map<string, DestinationModel>();
    for (const to of allowTo) {
        if (to.cidr !== undefined) {
            const destination: DestinationModel = { cidr: to.cidr, port: to.port, protocol: to.protocol ?? argDefaults.egress.protocol };
            byKey.set(`${destination.cidr} ${destination.port ?? ""} ${destination.protocol}`, destination);
        }
    }
    const destinations = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
    return { restricted: networkDeniesEgress || allowTo.length > 0, apps, destinations };
}


/** Ports sorted by number and protocol, each named ("port-<port>" unless given). */
function portModels(ports: ContainerAppSpec["ports"]): PortModel[] {
    return [...ports]
        .sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol))
        .map((p) => ({ name: p.name ?? defaultPortName(p.port), port: p.port, protocol: p.protocol, publish: p.publish }));
}

function healthCheckModel(check: NonNullable<ContainerAppSpec["healthCheck"]>): HealthCheckModel {
    const timing: CheckTiming & CheckTolerance = {
        intervalSeconds: check.intervalSeconds,
        timeoutSeconds: check.timeoutSeconds,
        failureThreshold: check.failureThreshold,
        initialDelaySeconds: check.initialDelaySeconds,
        livenessFailureThreshold: check.livenessFailureThreshold ?? 2 * check.failureThreshold,
        startupSeconds: check.startupSeconds,
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
