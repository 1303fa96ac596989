import { z } from "zod";
import { argDefaults, defaultPortName } from "./defaults";
import * as field from "./fields";
import { envNamePattern } from "./names";
import { configRef, networkRef } from "./component-refs";
import { imageBuildSchema } from "./image-build";
import { cpuMillicores, memoryBytes } from "../model/quantities";
import { rulesFor } from "../validation/rules";

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

const amounts = z.strictObject({
    cpu: field.cpuQuantity.optional(),
    memory: field.memoryQuantity.optional(),
});

const resources = z
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

const volume = z.strictObject({
    // Kubernetes names the pod volume "volume-<name>", a DNS-1123 label of at most 63 characters.
    name: field.nameOfAtMost(56),
    mountPath: field.absolutePath,
    persistent: z.boolean().default(argDefaults.volume.persistent),
    size: field.memoryQuantity.default(argDefaults.volume.size),
    readOnly: z.boolean().default(argDefaults.volume.readOnly),
});

const configMount = z
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

const security = z.strictObject({
    runAsNonRoot: z.boolean().default(argDefaults.security.runAsNonRoot),
    runAsUser: field.wholeNumber(0, 2147483647).default(argDefaults.security.runAsUser),
    runAsGroup: field.wholeNumber(0, 2147483647).default(argDefaults.security.runAsGroup),
    readOnlyRootFilesystem: z.boolean().default(argDefaults.security.readOnlyRootFilesystem),
    dropAllCapabilities: z.boolean().default(argDefaults.security.dropAllCapabilities),
    allowPrivilegeEscalation: z.boolean().default(argDefaults.security.allowPrivilegeEscalation),
    fsGroup: field.wholeNumber(0, 2147483647).optional(),
    podSecurityContext: z.boolean().default(argDefaults.security.podSecurityContext),
});

export const containerAppSchema = z.strictObject({
    network: networkRef,
    target: field.target.optional(),
    // A field rule, not an object refinement: it is then reported even when another field is malformed.
    image: field.inputString
        .refine((image) => typeof image !== "string" || /^[^\s]+$/.test(image), "must be an image reference without spaces, such as registry.example.com/shop/web:1.4.2")
        .optional(),
    build: imageBuildSchema.optional(),
    command: field.stringList.optional(),
    args: field.stringList.optional(),
    env: z.record(z.string().regex(envNamePattern, "must be an environment variable name"), field.inputString).default(argDefaults.app.env),
    configs: z.array(configMount).default(argDefaults.app.configs),
    ports: z.array(port).default(argDefaults.app.ports),
    healthCheck: healthCheck.optional(),
    // Each side defaults to none: the object is parsed from {} to fill them in.
    resources: resources.prefault({}),
    replicas: field.wholeNumber(0, 1000).default(argDefaults.app.replicas),
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

/** The image is pulled or built: one of the two, never both. */
const imageOrBuild = appRule(["image", "build"], (app, _context, findings) => {
    if (app.image === undefined && app.build === undefined) {
        findings.problem("is required, unless build is set (a context to build the image from)", ["image"]);
    } else if (app.image !== undefined && app.build !== undefined) {
        findings.problem("cannot be set together with image: set exactly one of the two", ["build"]);
    }
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

/** Under a read-only root berth mounts a writable scratch directory at /tmp (tmpfs / emptyDir). */
function scratchDirectory(security: ContainerAppSpec["security"]): string | undefined {
    return security.readOnlyRootFilesystem ? "/tmp" : undefined;
}

const scratchTaken = "is the writable scratch directory berth mounts under a read-only root filesystem; mount elsewhere or set security.readOnlyRootFilesystem to false";

/** Volume names and mount paths are unique; a persistent volume has one replica. */
const distinctVolumes = appRule(["volumes", "security", "replicas"], (app, _context, findings) => {
    const scratch = scratchDirectory(app.security);
    const names = new Set<string>();
    const mountPaths = new Set<string>();
    app.volumes.forEach((v, index) => {
        if (names.has(v.name)) {
            findings.problem(`"${v.name}" is used by another volume`, ["volumes", index, "name"]);
        }
        names.add(v.name);
        if (mountPaths.has(v.mountPath)) {
            findings.problem(`${v.mountPath} is used by another volume`, ["volumes", index, "mountPath"]);
        } else if (v.mountPath === scratch) {
            findings.problem(`${v.mountPath} ${scratchTaken}`, ["volumes", index, "mountPath"]);
        }
        mountPaths.add(v.mountPath);
        if (v.persistent && app.replicas > 1) {
            findings.problem(`a persistent volume is mounted by one replica only; set replicas to 1 (got ${app.replicas})`, ["volumes", index, "persistent"]);
        }
    });
});

/**
 * Each config mounts at a path of its own. Docker copies config files into the
 * container before it starts, so a tmpfs mounted above them (an ephemeral
 * volume, the /tmp scratch directory) would hide them.
 */
const distinctConfigMounts = appRule(["configs", "volumes", "security"], (app, _context, findings) => {
    const scratch = scratchDirectory(app.security);
    const volumePaths = new Set(app.volumes.map((v) => v.mountPath));
    const tmpfsMounts = [
        ...app.volumes.flatMap((v, index) => (v.persistent ? [] : [{ path: v.mountPath, what: `volumes[${index}]` }])),
        ...(scratch ? [{ path: scratch, what: "the /tmp scratch directory" }] : []),
    ];
    const configPaths = new Map<string, number>();
    app.configs.forEach((c, index) => {
        if (c.mountPath === undefined) {
            return;
        }
        const mountPath = c.mountPath;
        const path = ["configs", index, "mountPath"];
        const hiding = tmpfsMounts.find((m) => mountPath.startsWith(`${m.path.replace(/\/+$/, "")}/`));
        if (volumePaths.has(mountPath)) {
            findings.problem(`${mountPath} is used by a volume`, path);
        } else if (mountPath === scratch) {
            findings.problem(`${mountPath} ${scratchTaken}`, path);
        } else if (configPaths.has(mountPath)) {
            findings.problem(`${mountPath} is used by configs[${configPaths.get(mountPath)}]`, path);
        } else if (hiding) {
            findings.problem(`${mountPath} is inside ${hiding.what} at ${hiding.path}, a tmpfs on Docker that would hide the config's files; mount it elsewhere`, path);
        }
        configPaths.set(mountPath, configPaths.get(mountPath) ?? index);
    });
});

/** Rules between a ContainerApp's args, each run when the args it reads are valid. */
export const containerAppRules = [imageOrBuild, uniquePorts, publishAsNeedsAPublishedPort, startupWithinHealthyTimeout, ingressNamesAPort, distinctVolumes, distinctConfigMounts];
