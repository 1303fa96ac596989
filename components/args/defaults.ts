/*
 * Every default value of the components' args, written once. The zod schemas
 * fill them in (args/*.ts); the arg interfaces' JSDoc points here with
 * `@default {@link argDefaults.<kind>.<field>}`, and the component provider's
 * schema shows the value itself (provider/schema-inference.ts resolves the
 * link). Defaults that are a behaviour rather than a value ("the network's
 * target") are written in the JSDoc alone.
 */

import type { RestartPolicy } from "../model/app";
import type { PodSecurityLevel } from "../model/network";

export const argDefaults = {
    network: {
        internal: false,
        createNamespace: true,
        defaultDenyIngress: true,
        defaultDenyEgress: false,
        podSecurity: "restricted" as PodSecurityLevel,
        labels: {} as Record<string, string>,
    },
    config: {
        files: {} as Record<string, never>,
        values: {} as Record<string, never>,
        secrets: {} as Record<string, never>,
    },
    app: {
        env: {} as Record<string, never>,
        configs: [] as never[],
        ports: [] as never[],
        replicas: 1,
        restartPolicy: "always" as RestartPolicy,
        volumes: [] as never[],
        labels: {} as Record<string, string>,
        allowFrom: [] as string[],
        allowTo: [] as never[],
        healthyTimeoutSeconds: 60,
        singleton: false,
        dependsOn: [] as never[],
        initContainers: [] as never[],
        sidecars: [] as never[],
    },
    job: {
        env: {} as Record<string, never>,
        configs: [] as never[],
        volumes: [] as never[],
        labels: {} as Record<string, string>,
        dependsOn: [] as never[],
        initContainers: [] as never[],
        timeoutSeconds: 600,
        retries: 0,
    },
    helper: {
        env: {} as Record<string, never>,
        configs: [] as never[],
        volumes: [] as never[],
    },
    dependency: {
        appCondition: "started" as "started" | "healthy",
        jobCondition: "completed" as const,
    },
    port: {
        protocol: "tcp" as "tcp" | "udp",
    },
    build: {
        dockerfile: "Dockerfile",
        args: {} as Record<string, never>,
    },
    healthCheck: {
        intervalSeconds: 10,
        timeoutSeconds: 5,
        failureThreshold: 3,
        initialDelaySeconds: 0,
    },
    volume: {
        persistent: false,
        size: "1Gi",
        readOnly: false,
    },
    configMount: {
        env: true,
        secretsAsFiles: false,
    },
    ingress: {
        path: "/",
        controllerNamespace: "ingress-nginx",
    },
    egress: {
        protocol: "tcp" as "tcp" | "udp",
    },
    security: {
        runAsNonRoot: true,
        runAsUser: 65532,
        runAsGroup: 65532,
        readOnlyRootFilesystem: true,
        dropAllCapabilities: true,
        allowPrivilegeEscalation: false,
        podSecurityContext: true,
    },
};

/** A port's name when the args give none (`@default "port-<port>"`). */
export function defaultPortName(port: number): string {
    return `port-${port}`;
}
