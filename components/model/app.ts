import * as pulumi from "@pulumi/pulumi";
import { Target } from "../stack/target";
import { Tier } from "../stack/berth-settings";
import { ConfigModel } from "./config";
import { InputMap, StringMap } from "./maps";
import { NetworkModel } from "./network";

/* A ContainerApp, resolved: every default filled, maps sorted, ports in a fixed order. */

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
