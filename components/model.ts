import * as pulumi from "@pulumi/pulumi";
import { Target } from "./target";
import { Tier } from "./spec/stack-settings";

/*
 * The model: a plain, fully-resolved description of the system, produced by
 * the components after validation and defaulting, and consumed by the
 * backends. Maps are sorted by key and lists are in a fixed order, so the same
 * args always give the same child inputs. Values that may not be known yet
 * (images, env values, file contents, secrets) stay pulumi.Inputs.
 */

export type StringMap = Record<string, string>;
export type InputMap = Record<string, pulumi.Input<string>>;

export interface NetworkModel {
    /** Docker network name, or Kubernetes namespace name. */
    name: string;
    target: Target;
    /** No outside access: a Docker internal network; on Kubernetes an egress policy limited to the namespace and DNS. */
    internal: boolean;
    /** Kubernetes: create the namespace (true) or adopt an existing one (false). */
    createNamespace: boolean;
    /** Kubernetes: a default-deny ingress NetworkPolicy in the namespace. */
    defaultDenyIngress: boolean;
    labels: StringMap;
    skipAwait: boolean;
    /** The network's name as an output of the resource that creates it, so dependants wait for it. */
    ref: pulumi.Output<string>;
    /**
     * Where the objects' names must be unique: the Docker network on its host, or the namespace on its
     * cluster (two AppNetworks may adopt one namespace). Keys the derived-name claims.
     */
    nameScope: string;
}

/** A config's contents, split by secrecy: values that are Pulumi secrets are treated as declared secrets. */
export interface ConfigContents {
    plainFiles: InputMap;
    secretFiles: InputMap;
    plainValues: InputMap;
    secretValues: InputMap;
}

/** Names of the Kubernetes objects holding a config, as outputs of those objects. */
export interface KubernetesConfigRefs {
    configMap?: pulumi.Output<string>;
    secret?: pulumi.Output<string>;
}

export interface ConfigModel {
    name: string;
    target: Target;
    network: NetworkModel;
    /** File name -> content. A content that is a Pulumi secret is kept out of ConfigMaps. */
    files: InputMap;
    /** Env name -> value, exposed as env to apps that use the config. */
    values: InputMap;
    /** Env name -> value, always secret. */
    secrets: InputMap;
    /** Content hash: changes when any file, value or secret changes, reveals none of them. */
    hash: pulumi.Output<string>;
    contents: Promise<ConfigContents>;
    /** Set on the Kubernetes target once the ConfigMap / Secret are registered. */
    kubernetes?: Promise<KubernetesConfigRefs>;
}

export interface PortModel {
    name: string;
    port: number;
    protocol: "tcp" | "udp";
    /** Host port (Docker) or external Service port (Kubernetes). */
    publish?: number;
}

export interface HealthCheckModel {
    kind: "http" | "tcp" | "command";
    path?: string;
    port?: number;
    command?: string[];
    intervalSeconds: number;
    timeoutSeconds: number;
    failureThreshold: number;
    initialDelaySeconds: number;
}

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
    image: pulumi.Input<string>;
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

export interface ScalingBehaviourModel {
    stabilizationWindowSeconds?: number;
    /** At most this many pods added or removed per minute. */
    podsPerMinute?: number;
}

export interface AutoscalingModel {
    name: string;
    target: Target;
    app: AppModel;
    minReplicas: number;
    maxReplicas: number;
    cpuUtilization?: number;
    memoryUtilization?: number;
    scaleUp?: ScalingBehaviourModel;
    scaleDown?: ScalingBehaviourModel;
    /** PodDisruptionBudget minAvailable; undefined creates no budget. */
    minAvailable?: number;
}

/** Sorts a map by key, so child inputs never depend on the order args were written in. */
export function sortedMap<T>(map: Record<string, T> | undefined): Record<string, T> {
    const out: Record<string, T> = {};
    for (const key of Object.keys(map ?? {}).sort()) {
        out[key] = map![key];
    }
    return out;
}
