import { z } from "zod";
import { argDefaults, defaultPortName } from "./defaults";
import * as field from "./fields";
import { envNamePattern } from "./names";
import { configRef, networkRef } from "./component-refs";
import { imageBuildSchema, imageOrBuild } from "./image-build";
import { appAutoscalingSchema } from "./autoscaling";
import { dependency, distinctDependencies } from "./dependencies";
import { helperContainerRules } from "./helper-containers";
import { distinctConfigMounts, distinctVolumes } from "./mount-paths";
import { cpuMillicores, memoryBytes } from "../model/quantities";
import { Rule, rulesFor } from "../validation/rules";

/** Port names as Kubernetes accepts them (IANA service names). */
const portName = z
    .string()
    .regex(/^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, "must be at most 15 lower-case letters, digits and '-', with at least one letter");

const protocol = z.enum(["tcp", "udp"], { error: () => 'must be "tcp" or "udp"' });

const port = z.strictObject({
    name: portName.optional(),
    port: field.portNumber,
    publish: field.portNumber.optional(),
    protocol: protocol.default(argDefaults.port.protocol),
});

const healthCheck = z
    .strictObject({
        http: z
            .strictObject({
                path: z.string({ error: () => "must be a string" }).startsWith("/", 'must start with "/"'),
                port: field.portNumber,
            })
            .optional(),
        tcp: z.strictObject({ port: field.portNumber }).optional(),
        command: field.stringList.min(1, "must name a command").optional(),
        intervalSeconds: field.positiveSeconds.default(argDefaults.healthCheck.intervalSeconds),
        timeoutSeconds: field.positiveSeconds.default(argDefaults.healthCheck.timeoutSeconds),
        failureThreshold: field.wholeNumber(1, 100).default(argDefaults.healthCheck.failureThreshold),
        initialDelaySeconds: field.wholeNumber(0, 3600).default(argDefaults.healthCheck.initialDelaySeconds),
        livenessFailureThreshold: field.wholeNumber(1, 1000).optional(),
        startupSeconds: field.positiveSeconds.optional(),
    })
    .superRefine((check, ctx) => {
        const kinds = [check.http, check.tcp, check.command].filter((kind) => kind !== undefined).length;
        if (kinds !== 1) {
            field.problem(ctx, [], "must set exactly one of http, tcp or command");
        }
        if (check.livenessFailureThreshold !== undefined && check.livenessFailureThreshold < check.failureThreshold) {
            field.problem(ctx, ["livenessFailureThreshold"], `must be at least failureThreshold (${check.failureThreshold}): an app should leave its Service before it is restarted`);
        }
    });

export const amounts = z.strictObject({
    cpu: field.cpuQuantity.optional(),
    memory: field.memoryQuantity.optional(),
});

export const resources = z
    .strictObject({
        requests: amounts.default({}),
        limits: amounts.default({}),
    })
    .superRefine((r, ctx) => {
        if (r.requests.cpu && r.limits.cpu && cpuMillicores(r.requests.cpu)! > cpuMillicores(r.limits.cpu)!) {
            field.problem(ctx, ["requests", "cpu"], `must not exceed limits.cpu (${r.limits.cpu})`);
        }
        if (r.requests.memory && r.limits.memory && memoryBytes(r.requests.memory)! > memoryBytes(r.limits.memory)!) {
            field.problem(ctx, ["requests", "memory"], `must not exceed limits.memory (${r.limits.memory})`);
        }
    });

export const volume = z.strictObject({
    // Kubernetes names the pod volume "volume-<name>", a DNS-1123 label of at most 63 characters.
    name: field.nameOfAtMost(56),
    mountPath: field.absolutePath,
    persistent: z.boolean().default(argDefaults.volume.persistent),
    size: field.memoryQuantity.default(argDefaults.volume.size),
    readOnly: z.boolean().default(argDefaults.volume.readOnly),
});

export const configMount = z
    .strictObject({
        config: configRef,
        mountPath: field.absolutePath.optional(),
        env: z.boolean().default(argDefaults.configMount.env),
        secretsAsFiles: z.boolean().default(argDefaults.configMount.secretsAsFiles),
    })
    .superRefine((mount, ctx) => {
        if (mount.secretsAsFiles && mount.mountPath === undefined) {
            field.problem(ctx, ["secretsAsFiles"], "needs a mountPath: each secret becomes a file under it");
        }
    });

const ingress = z.strictObject({
    host: z
        .string({ error: () => "must be a string" })
        .regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a DNS host name such as shop.example.com"),
    path: field.absolutePath.default(argDefaults.ingress.path),
    port: portName,
    className: z.string().optional(),
    tlsSecretName: field.name.optional(),
    controllerNamespace: field.name.default(argDefaults.ingress.controllerNamespace),
});

const egress = z
    .strictObject({
        app: field.name.optional(),
        cidr: field.cidr.optional(),
        port: field.portNumber.optional(),
        protocol: protocol.optional(),
    })
    .superRefine((to, ctx) => {
        if ((to.app === undefined) === (to.cidr === undefined)) {
            field.problem(ctx, [], "must set exactly one of app or cidr");
        } else if (to.app !== undefined && to.port !== undefined) {
            field.problem(ctx, ["port"], "goes with cidr; an app is reached on any of its ports");
        }
        if (to.protocol !== undefined && to.port === undefined) {
            field.problem(ctx, ["protocol"], "goes with port");
        }
    });

export const security = z.strictObject({
    runAsNonRoot: z.boolean().default(argDefaults.security.runAsNonRoot),
    runAsUser: field.wholeNumber(0, 2147483647).default(argDefaults.security.runAsUser),
    runAsGroup: field.wholeNumber(0, 2147483647).default(argDefaults.security.runAsGroup),
    readOnlyRootFilesystem: z.boolean().default(argDefaults.security.readOnlyRootFilesystem),
    dropAllCapabilities: z.boolean().default(argDefaults.security.dropAllCapabilities),
    allowPrivilegeEscalation: z.boolean().default(argDefaults.security.allowPrivilegeEscalation),
    fsGroup: field.wholeNumber(0, 2147483647).optional(),
    podSecurityContext: z.boolean().default(argDefaults.security.podSecurityContext),
});

export const envMap = z.record(z.string().regex(envNamePattern, "must be an environment variable name"), field.inputString);

/** A mount of one of the workload's volumes into an init container or sidecar. */
const volumeMount = z.strictObject({
    name: field.nameOfAtMost(56),
    mountPath: field.absolutePath,
    readOnly: z.boolean().default(argDefaults.volume.readOnly),
});

/**
 * An init container or a sidecar: a container of its own beside the app's (or
 * job's), with the same secure defaults. Kubernetes names its config volumes
 * `config-<name>-<n>`, so the name stops at 50 characters.
 */
export const helperContainer = z.strictObject({
    name: field.nameOfAtMost(50),
    image: field.imageReference.optional(),
    build: imageBuildSchema.optional(),
    command: field.stringList.optional(),
    args: field.stringList.optional(),
    env: envMap.default(argDefaults.helper.env),
    configs: z.array(configMount).default(argDefaults.helper.configs),
    volumes: z.array(volumeMount).default(argDefaults.helper.volumes),
    resources: resources.prefault({}),
    security: security.prefault({}),
});

export const containerAppSchema = z.strictObject({
    network: networkRef,
    target: field.target.optional(),
    // A field rule, not an object refinement: it is then reported even when another field is malformed.
    image: field.imageReference.optional(),
    build: imageBuildSchema.optional(),
    command: field.stringList.optional(),
    args: field.stringList.optional(),
    env: envMap.default(argDefaults.app.env),
    configs: z.array(configMount).default(argDefaults.app.configs),
    ports: z.array(port).default(argDefaults.app.ports),
    healthCheck: healthCheck.optional(),
    // Each side defaults to none: the object is parsed from {} to fill them in.
    resources: resources.prefault({}),
    replicas: field.wholeNumber(0, 1000).default(argDefaults.app.replicas),
    autoscaling: appAutoscalingSchema.optional(),
    restartPolicy: z.enum(["always", "on-failure", "never"], { error: () => 'must be "always", "on-failure" or "never"' }).default(argDefaults.app.restartPolicy),
    volumes: z.array(volume).default(argDefaults.app.volumes),
    labels: field.labels.default(argDefaults.app.labels),
    ingress: ingress.optional(),
    // Left unset when not given: the model fills the default, which depends on the ingress.
    publishAs: z.enum(["LoadBalancer", "NodePort", "none"], { error: () => 'must be "LoadBalancer", "NodePort" or "none"' }).optional(),
    allowFrom: z.array(field.name).default(argDefaults.app.allowFrom),
    allowTo: z.array(egress).default(argDefaults.app.allowTo),
    // Parsed from {}, so each field takes its own default.
    security: security.prefault({}),
    skipAwait: z.boolean().optional(),
    healthyTimeoutSeconds: field.wholeNumber(1, 3600).default(argDefaults.app.healthyTimeoutSeconds),
    singleton: z.boolean().default(argDefaults.app.singleton),
    dependsOn: z.array(dependency).default(argDefaults.app.dependsOn),
    initContainers: z.array(helperContainer).default(argDefaults.app.initContainers),
    sidecars: z.array(helperContainer).default(argDefaults.app.sidecars),
});

export type ContainerAppSpec = z.output<typeof containerAppSchema>;

const appRule = rulesFor<ContainerAppSpec>();

/** Port names, container ports and published ports are each unique (per protocol). */
const uniquePorts = appRule(["ports"], (app, _context, findings) => {
    const portNames = new Map<string, number>();
    const containerPorts = new Map<string, number>();
    const publishedPorts = new Map<string, number>();
    app.ports.forEach((p, index) => {
        const portName = p.name ?? defaultPortName(p.port);
        if (portNames.has(portName)) {
            findings.problem(`"${portName}" is already used by ports[${portNames.get(portName)}]`, ["ports", index, "name"]);
        }
        portNames.set(portName, index);
        const key = `${p.port}/${p.protocol}`;
        if (containerPorts.has(key)) {
            findings.problem(`${key} is already declared by ports[${containerPorts.get(key)}]`, ["ports", index, "port"]);
        }
        containerPorts.set(key, index);
        // One host port (Docker) or LoadBalancer port (Kubernetes) per protocol.
        if (p.publish !== undefined) {
            const published = `${p.publish}/${p.protocol}`;
            if (publishedPorts.has(published)) {
                findings.problem(`${published} is already published by ports[${publishedPorts.get(published)}]`, ["ports", index, "publish"]);
            }
            publishedPorts.set(published, publishedPorts.get(published) ?? index);
        }
    });
});

/** Exposing published ports needs a port that is published. */
const publishAsNeedsAPublishedPort = appRule(["ports", "publishAs"], (app, _context, findings) => {
    if ((app.publishAs === "LoadBalancer" || app.publishAs === "NodePort") && !app.ports.some((p) => p.publish !== undefined)) {
        findings.problem(`"${app.publishAs}" exposes published ports, and no port sets publish`, ["publishAs"]);
    }
});

/** `up` waits healthyTimeoutSeconds for a replica: a slow start allowed more would fail `up` while the app still starts. */
const startupWithinHealthyTimeout = appRule(["healthCheck", "healthyTimeoutSeconds"], (app, _context, findings) => {
    const startup = app.healthCheck?.startupSeconds;
    if (startup !== undefined && startup > app.healthyTimeoutSeconds) {
        findings.problem(`${startup} is longer than up waits for a replica (healthyTimeoutSeconds ${app.healthyTimeoutSeconds}); raise healthyTimeoutSeconds to at least ${startup}`, [
            "healthCheck",
            "startupSeconds",
        ]);
    }
});

const ingressNamesAPort = appRule(["ports", "ingress"], (app, _context, findings) => {
    const portNames = app.ports.map((p) => p.name ?? defaultPortName(p.port));
    if (app.ingress && !portNames.includes(app.ingress.port)) {
        findings.problem(`must name one of ports (${[...new Set(portNames)].join(", ") || "none declared"})`, ["ingress", "port"]);
    }
});

/** A singleton runs exactly one instance. */
const singletonRunsOne = appRule(["singleton", "replicas"], (app, _context, findings) => {
    if (app.singleton && app.replicas !== 1) {
        findings.problem(`a singleton runs exactly one instance; set replicas to 1 (got ${app.replicas})`, ["replicas"]);
    }
});

/** Rules between a ContainerApp's args, each run when the args it reads are valid. */
export const containerAppRules: Rule<ContainerAppSpec, undefined>[] = [
    imageOrBuild,
    uniquePorts,
    publishAsNeedsAPublishedPort,
    startupWithinHealthyTimeout,
    ingressNamesAPort,
    distinctVolumes,
    distinctConfigMounts,
    singletonRunsOne,
    distinctDependencies,
    ...helperContainerRules,
];
