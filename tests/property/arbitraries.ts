import fc from "fast-check";

/*
 * Generators for berth's args, as plain data so that fast-check prints a
 * failing case readably. Pulumi values and component references are markers
 * that tests/property/harness.ts turns into the real thing:
 *   { $secret: "x" }   pulumi.secret("x")
 *   { $derived: "x" }  a secret derived from another one (pulumi.secret("x").apply(...))
 *   { $output: "x" }   pulumi.output("x")
 *   { $promise: "x" }  Promise.resolve("x")
 *   { $ref: "network" | "config:0" | "app:1" | ... }   a component of the same program
 *   { $delete: true }  (faults only) the field is left out
 *
 * "Valid" means valid by berth's documented rules (the arg interfaces and README),
 * checked independently of berth's own code so that a rule berth forgets shows up.
 */

export type Target = "docker" | "kubernetes";
export const targets: Target[] = ["docker", "kubernetes"];

export type Args = Record<string, unknown>;

export interface ComponentSpec {
    name: string;
    args: Args;
}

/** How an app scales: an AutoscalingPolicy, or (inline) the same args as the app's own `autoscaling`. */
export interface ScalingSpec extends ComponentSpec {
    inline?: boolean;
}

/** One program: a network, configs on it, apps and jobs on it, at most one policy (or own autoscaling) per app. */
export interface SystemSpec {
    /** Stack config of the run (berth:target, and maybe berth:skipAwait / berth:tier). */
    stack: Record<string, string>;
    network: ComponentSpec;
    configs: ComponentSpec[];
    apps: ComponentSpec[];
    jobs: ComponentSpec[];
    policies: ScalingSpec[];
}

// ---------------------------------------------------------------- plain values

/** Name fragments that make collisions between derived object names likely (`web` + `-public`, `web` + `-env`). */
const fragment = fc.constantFrom("web", "api", "db", "env", "public", "secret", "data", "cache", "allow", "x");

/** A DNS-1123 label (berth's rule for every component name), up to the 63-character limit. */
export const validName: fc.Arbitrary<string> = fc.oneof(
    { weight: 5, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("-")) },
    { weight: 3, arbitrary: fc.stringMatching(/^[a-z]([-a-z0-9]{0,14}[a-z0-9])?$/) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 63 }).chain((length) => fc.stringMatching(new RegExp(`^[a-z][-a-z0-9]{${length - 2}}[a-z0-9]$`))) },
);

/**
 * Volume names: Kubernetes prefixes them with "volume-", so they stop at 56
 * characters; none ends in -<number>, which Docker keeps for replicas' volumes.
 */
export const volumeName: fc.Arbitrary<string> = fc
    .oneof(validName.filter((name) => name.length <= 56), fc.stringMatching(/^[a-z][-a-z0-9]{54}[a-z0-9]$/))
    .filter((name) => !/-[0-9]+$/.test(name));

export const envName = fc.oneof(
    fc.constantFrom("LOG_LEVEL", "MODE", "API_TOKEN", "PORT", "DB_PASSWORD", "constructor", "toString", "valueOf"),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/),
);

export const fileName = fc.oneof(
    fc.constantFrom("app.yaml", "config.json", "db.conf", "LOG_LEVEL", "key.pem", "constructor", "hasOwnProperty", "toString"),
    fc.stringMatching(/^[-._a-zA-Z0-9]{1,16}$/).filter((name) => name !== "." && !name.startsWith("..")),
);

/** Free text for env values and file contents: unicode, empty, separators, quotes, newlines. */
export const text = fc.oneof(
    fc.string({ maxLength: 24 }),
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.constantFrom("", "a=b", "line\nbreak\n", '"quoted"', "${HOME}", "greeting: hello\n"),
);

/** A string, sometimes as a Pulumi Output or a Promise of one. */
export function input(arb: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
    return fc.oneof(
        { weight: 6, arbitrary: arb },
        { weight: 1, arbitrary: arb.map((value) => ({ $output: value })) },
        { weight: 1, arbitrary: arb.map((value) => ({ $promise: value })) },
    );
}

const pathSegment = fc.constantFrom("etc", "data", "tmp", "var/lib", "cache", "etc/web", "srv");
/** Mount paths drawn from a small set, so that clashes (with each other, with /tmp) happen. */
export const mountPath = pathSegment.map((segment) => `/${segment}`);

export const port = fc.integer({ min: 1, max: 65535 });
const smallPort = fc.oneof(fc.constantFrom(80, 443, 8080, 9000, 53), port);

const labelKey = fc.oneof(
    fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$/),
    fc.constantFrom("team", "example.com/owner", "app.kubernetes.io/name", "tier"),
);
const labelValue = fc.stringMatching(/^([A-Za-z0-9]([-._A-Za-z0-9]{0,10}[A-Za-z0-9])?)?$/);
export const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });

/** A CPU quantity with its millicores, computed here (not by berth). */
export interface Quantity {
    text: string;
    amount: bigint;
}

const maxMillicores = BigInt(Number.MAX_SAFE_INTEGER);

export const cpu: fc.Arbitrary<Quantity> = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 64000 }).map((m) => ({ text: `${m}m`, amount: BigInt(m) })) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 64 }).map((c) => ({ text: `${c}`, amount: BigInt(c) * 1000n })) },
    {
        weight: 2,
        arbitrary: fc
            .tuple(fc.integer({ min: 0, max: 8 }), fc.stringMatching(/^[0-9]{1,3}$/))
            .map(([whole, fraction]) => ({ text: `${whole}.${fraction}`, amount: BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, "0")) }))
            .filter((q) => q.amount > 0n),
    },
    // Large values, up to the largest exact number of millicores (2^53 - 1).
    { weight: 1, arbitrary: fc.bigInt(1n, maxMillicores / 1000n).map((c) => ({ text: `${c}`, amount: c * 1000n })) },
    { weight: 1, arbitrary: fc.bigInt(maxMillicores - 1000n, maxMillicores).map((m) => ({ text: `${m}m`, amount: m })) },
);

const memoryUnits: Array<[string, bigint]> = [
    ["", 1n], ["k", 10n ** 3n], ["M", 10n ** 6n], ["G", 10n ** 9n], ["Ki", 1n << 10n], ["Mi", 1n << 20n], ["Gi", 1n << 30n], ["Ti", 1n << 40n],
];

export const memory: fc.Arbitrary<Quantity> = fc
    .tuple(fc.oneof({ weight: 9, arbitrary: fc.bigInt(1n, 4096n) }, { weight: 1, arbitrary: fc.bigInt(1n, 10n ** 24n) }), fc.constantFrom(...memoryUnits))
    .map(([n, [unit, factor]]) => ({ text: `${n}${unit}`, amount: n * factor }));

/** Optional fields: each left out about half the time. */
function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
    return fc.option(arb, { nil: undefined });
}

/** Drops undefined fields, so a generated spec reads like one a user wrote. */
export function compact(record: Record<string, unknown>): Args {
    return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

// ---------------------------------------------------------------- AppNetwork

export function networkArgs(target: Target): fc.Arbitrary<Args> {
    return fc
        .record({
            target: optional(fc.constant(target)),
            internal: optional(fc.boolean()),
            namespace: optional(validName),
            createNamespace: optional(fc.boolean()),
            defaultDenyIngress: optional(fc.boolean()),
            defaultDenyEgress: optional(fc.boolean()),
            podSecurity: optional(fc.constantFrom("restricted", "baseline", "privileged")),
            labels: optional(labels),
            skipAwait: optional(fc.boolean()),
        })
        .map((network) => {
            // Pod Security labels go on a namespace berth creates only.
            if (network.createNamespace === false) delete network.podSecurity;
            return compact(network);
        });
}

// ---------------------------------------------------------------- AppConfig

/** Secret plaintexts are unique tokens: a leak check must never match an unrelated string. */
export const secretText = fc
    .tuple(fc.stringMatching(/^[0-9a-f]{12}$/), fc.constantFrom("", "\nline two", ' "quoted" ', "=", "ü✓", "$(x)"))
    .map(([hex, tail]) => `s3cr3t-${hex}${tail}`);

export interface ConfigOptions {
    /**
     * How often secrets appear: "many" puts them in every place a secret may go
     * (the secret-taint suite); "some" now and then; "none" never (a config hash
     * over secrets runs scrypt, which costs ~50 ms a config).
     */
    secrets: "none" | "some" | "many";
}

/** A plain or secret value: a config file or value, an app's env value. */
function plainOrSecret(options: ConfigOptions): fc.Arbitrary<unknown> {
    if (options.secrets === "none") return input(text);
    const secretWeight = options.secrets === "many" ? 3 : 1;
    return fc.oneof(
        { weight: 4, arbitrary: input(text) },
        { weight: secretWeight, arbitrary: secretText.map((value) => ({ $secret: value })) },
        { weight: secretWeight, arbitrary: secretText.map((value) => ({ $derived: value })) },
    );
}

export function configArgs(target: Target, options: ConfigOptions = { secrets: "some" }): fc.Arbitrary<Args> {
    const declaredSecret = fc.oneof(
        secretText,
        secretText.map((value) => ({ $secret: value })),
        secretText.map((value) => ({ $derived: value })),
        secretText.map((value) => ({ $promise: value })),
    );
    return fc
        .record({
            network: fc.constant({ $ref: "network" }),
            target: optional(fc.constant(target)),
            files: optional(fc.dictionary(fileName, plainOrSecret(options), { maxKeys: 3 })),
            values: optional(fc.dictionary(envName, plainOrSecret(options), { maxKeys: 3 })),
            secrets:
                options.secrets === "none"
                    ? fc.constant(undefined)
                    : optional(fc.dictionary(envName, options.secrets === "many" ? declaredSecret : fc.oneof(input(text), declaredSecret), { maxKeys: 3 })),
        })
        .map((args) => {
            // Files, values and secrets share the keys of one ConfigMap / Secret: drop clashes, keep the first owner.
            const files = (args.files ?? {}) as Record<string, unknown>;
            const values = { ...((args.values ?? {}) as Record<string, unknown>) };
            const secrets = { ...((args.secrets ?? {}) as Record<string, unknown>) };
            for (const key of Object.keys(values)) {
                if (key in files) delete values[key];
            }
            for (const key of Object.keys(secrets)) {
                if (key in files || key in values) delete secrets[key];
            }
            return compact({ ...args, values: args.values && values, secrets: args.secrets && secrets });
        });
}

// ---------------------------------------------------------------- ContainerApp

export interface AppContext {
    target: Target;
    /** $ref names of the configs the app may use. */
    configs: string[];
    options: ConfigOptions;
}

const image = fc.oneof(
    fc.constantFrom("web:1", "registry.example.com/shop/web:1.4.2", "busybox", "ghcr.io/acme/api:latest", "localhost:5000/x/y:2"),
    fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.stringMatching(/^[a-zA-Z0-9_][-.a-zA-Z0-9_]{0,8}$/)).map(([repo, tag]) => `${repo}:${tag}`),
    fc.stringMatching(/^[0-9a-f]{64}$/).map((digest) => `registry.example.com/app@sha256:${digest}`),
);

/** The registry of every generated Kubernetes stack (apps built from source are pushed there). */
export const fixtureRegistry = "registry.example.com/berth";

/** Build contexts that exist (tests/fixtures/build), relative to the repository root the tests run in, with their stages. */
const buildContexts = [
    { context: "tests/fixtures/build/plain", dockerfiles: { Dockerfile: [] as string[] } },
    { context: "tests/fixtures/build/stages", dockerfiles: { Dockerfile: ["base", "runtime"], "alt.Dockerfile": ["only"] } },
];

const buildArgName = fc.oneof(fc.constantFrom("RELEASE", "GREETING", "NPM_TOKEN"), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/));

/** A `build`: an existing context, maybe another Dockerfile of it, one of its stages, args (secret ones too), a platform. */
function imageBuild(options: ConfigOptions): fc.Arbitrary<Args> {
    return fc.constantFrom(...buildContexts).chain(({ context, dockerfiles }) =>
        fc.constantFrom(...Object.entries(dockerfiles)).chain(([dockerfile, stages]) =>
            fc
                .record({
                    dockerfile: optional(fc.constant(dockerfile)),
                    target: stages.length > 0 ? optional(fc.constantFrom(...stages)) : fc.constant(undefined),
                    args: optional(fc.dictionary(buildArgName, plainOrSecret(options), { maxKeys: 3 })),
                    platform: optional(fc.constantFrom("linux/amd64", "linux/arm64/v8")),
                })
                // The default Dockerfile may be left out; another one must be named.
                .map((build) => compact({ context, ...build, dockerfile: dockerfile === "Dockerfile" ? build.dockerfile : dockerfile })),
        ),
    );
}

/** An image to pull, or (less often) one to build from source: exactly one of the two. */
function imageOrBuild(options: ConfigOptions): fc.Arbitrary<Args> {
    return fc.oneof({ weight: 4, arbitrary: input(image).map((value) => ({ image: value })) }, { weight: 1, arbitrary: imageBuild(options).map((build) => ({ build })) });
}

const healthCheck = fc
    .record({
        kind: fc.oneof(
            fc.record({ http: fc.record({ path: fc.constantFrom("/", "/healthz", "/ready?x=1"), port: smallPort }) }),
            fc.record({ tcp: fc.record({ port: smallPort }) }),
            fc.record({ command: fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 3 }) }),
        ),
        intervalSeconds: optional(fc.integer({ min: 1, max: 3600 })),
        timeoutSeconds: optional(fc.integer({ min: 1, max: 3600 })),
        failureThreshold: optional(fc.integer({ min: 1, max: 100 })),
        initialDelaySeconds: optional(fc.integer({ min: 0, max: 3600 })),
        // Liveness at least as tolerant as readiness: failureThreshold (default 3) plus this.
        livenessExtra: optional(fc.integer({ min: 0, max: 900 })),
        startupSeconds: optional(fc.integer({ min: 1, max: 3600 })),
    })
    .map(({ kind, livenessExtra, ...timing }) =>
        compact({ ...kind, ...timing, livenessFailureThreshold: livenessExtra === undefined ? undefined : (timing.failureThreshold ?? 3) + livenessExtra }),
    );

/** Requests and limits, requests never above limits (compared here, on the generated amounts). */
const resources = fc
    .record({ requestCpu: optional(cpu), limitCpu: optional(cpu), requestMemory: optional(memory), limitMemory: optional(memory) })
    .map(({ requestCpu, limitCpu, requestMemory, limitMemory }) => {
        const ordered = (request?: Quantity, limit?: Quantity) =>
            request && limit && request.amount > limit.amount ? [limit, request] : [request, limit];
        const [rc, lc] = ordered(requestCpu, limitCpu);
        const [rm, lm] = ordered(requestMemory, limitMemory);
        return compact({
            requests: rc || rm ? compact({ cpu: rc?.text, memory: rm?.text }) : undefined,
            limits: lc || lm ? compact({ cpu: lc?.text, memory: lm?.text }) : undefined,
        });
    });

const portName = fc.stringMatching(/^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$/);

const ports = fc
    .uniqueArray(
        fc.record({ port: smallPort, protocol: optional(fc.constantFrom("tcp", "udp")), name: optional(portName), publish: optional(smallPort) }).map(compact),
        { maxLength: 3, selector: (p) => `${p.port}/${p.protocol ?? "tcp"}` },
    )
    .filter((list) => {
        const names = list.map((p) => (p.name as string | undefined) ?? `port-${p.port}`);
        return new Set(names).size === names.length;
    });

const volumes = fc.uniqueArray(
    fc
        .record({
            name: volumeName,
            mountPath,
            persistent: optional(fc.boolean()),
            size: optional(memory.map((q) => q.text)),
            readOnly: optional(fc.boolean()),
        })
        .map(compact),
    { maxLength: 2, selector: (v) => v.name },
).filter((list) => new Set(list.map((v) => v.mountPath)).size === list.length);

const security = fc
    .record({
        runAsNonRoot: optional(fc.boolean()),
        runAsUser: optional(fc.integer({ min: 0, max: 2147483647 })),
        runAsGroup: optional(fc.integer({ min: 0, max: 2147483647 })),
        readOnlyRootFilesystem: optional(fc.boolean()),
        dropAllCapabilities: optional(fc.boolean()),
        allowPrivilegeEscalation: optional(fc.boolean()),
        fsGroup: optional(fc.integer({ min: 0, max: 2147483647 })),
        podSecurityContext: optional(fc.boolean()),
    })
    .map(compact);

/** The configs a container may use (each once or not at all), with or without files and env. */
function configMountsOf(context: AppContext): fc.Arbitrary<unknown> {
    return context.configs.length === 0
        ? fc.constant(undefined)
        : optional(
              fc
                  .subarray(context.configs, { minLength: 1 })
                  .chain((refs) =>
                      fc.tuple(
                          ...refs.map((ref) =>
                              fc
                                  .record({ config: fc.constant({ $ref: ref }), mountPath: optional(mountPath), env: optional(fc.boolean()), secretsAsFiles: optional(fc.boolean()) })
                                  .map(compact),
                          ),
                      ),
                  ),
          );
}

/** Names of helper containers: at most 50 characters. */
const helperName = validName.filter((name) => name.length <= 50);

/**
 * An init container's or sidecar's args. Its mounts name the workload's
 * volumes by position (`$volume`), which repairHelpers turns into names.
 */
function helperArgs(context: AppContext): fc.Arbitrary<Args> {
    return fc
        .record({
            name: helperName,
            source: imageOrBuild(context.options),
            command: optional(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })),
            args: optional(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })),
            env: optional(fc.dictionary(envName, plainOrSecret(context.options), { maxKeys: 2 })),
            configs: configMountsOf(context),
            volumes: optional(fc.array(fc.record({ $volume: fc.nat(), mountPath, readOnly: optional(fc.boolean()) }).map(compact), { maxLength: 2 })),
            resources: optional(resources),
            security: optional(security),
        })
        .map(({ source, ...args }) => compact({ ...args, ...source }));
}

/** Outside destinations, canonical IPv4 ranges and IPv6 ones. */
const cidr = fc.oneof(
    fc.constantFrom("0.0.0.0/0", "10.0.0.0/8", "203.0.113.0/24", "198.51.100.7/32", "2001:db8::/32"),
    fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `${a}.${b}.0.0/16`),
);

/** Where an app may connect: apps by name (some of them the system's own), outside destinations with or without a port. */
const allowTo = fc.array(
    fc.oneof(
        fc.record({ app: validName }),
        fc
            .record({ cidr, port: optional(smallPort), protocol: optional(fc.constantFrom("tcp", "udp")) })
            .map(({ protocol, ...to }) => compact({ ...to, protocol: to.port === undefined ? undefined : protocol })),
    ),
    { maxLength: 3 },
);

/** A ContainerApp's args, valid on its own; cross-app rules are repaired by `system`. */
export function appArgs(context: AppContext): fc.Arbitrary<Args> {
    return fc
        .record({
            network: fc.constant({ $ref: "network" }),
            target: optional(fc.constant(context.target)),
            source: imageOrBuild(context.options),
            command: optional(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })),
            args: optional(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })),
            env: optional(fc.dictionary(envName, plainOrSecret(context.options), { maxKeys: 4 })),
            configs: configMountsOf(context),
            ports: optional(ports),
            healthCheck: optional(healthCheck),
            resources: optional(resources),
            replicas: optional(fc.integer({ min: 0, max: 4 })),
            restartPolicy: optional(fc.constantFrom("always", "on-failure", "never")),
            volumes: optional(volumes),
            labels: optional(labels),
            allowFrom: optional(fc.array(validName, { maxLength: 2 })),
            allowTo: optional(allowTo),
            publishAs: optional(fc.constantFrom("LoadBalancer", "NodePort", "none")),
            security: optional(security),
            skipAwait: optional(fc.boolean()),
            healthyTimeoutSeconds: optional(fc.integer({ min: 1, max: 3600 })),
            singleton: optional(fc.boolean()),
            initContainers: optional(fc.array(helperArgs(context), { maxLength: 2 })),
            sidecars: optional(fc.array(helperArgs(context), { maxLength: 1 })),
            ingressChoice: fc.record({
                wanted: fc.boolean(),
                portIndex: fc.nat(),
                host: fc.constantFrom("shop.example.com", "*.example.com", "a", "api.internal"),
                path: optional(fc.constantFrom("/", "/api", "/v1/x")),
                className: optional(fc.constantFrom("nginx", "traefik")),
                tlsSecretName: optional(validName),
                controllerNamespace: optional(validName),
            }),
        })
        .map(({ ingressChoice, source, ...args }) => {
            const app = compact({ ...args, ...source });
            const appPorts = (app.ports ?? []) as Args[];
            if (ingressChoice.wanted && appPorts.length > 0) {
                const chosen = appPorts[ingressChoice.portIndex % appPorts.length];
                app.ingress = compact({
                    host: ingressChoice.host,
                    port: (chosen.name as string | undefined) ?? `port-${chosen.port}`,
                    path: ingressChoice.path,
                    className: ingressChoice.className,
                    tlsSecretName: ingressChoice.tlsSecretName,
                    controllerNamespace: ingressChoice.controllerNamespace,
                });
            }
            return repairApp(app);
        });
}

/** Whether a container's root is read-only (the secure default). */
function readOnlyRootOf(container: Args): boolean {
    return ((container.security as Args | undefined)?.readOnlyRootFilesystem ?? true) as boolean;
}

/**
 * A container's config mounts kept apart from its other mounts and /tmp, and
 * out of a tmpfs that would hide them on Docker (`tmpfs`: its ephemeral mounts).
 */
function repairConfigMounts(container: Args, taken: Set<string>, tmpfs: string[]): void {
    for (const mount of (container.configs ?? []) as Args[]) {
        const path = mount.mountPath as string | undefined;
        if (path !== undefined && (taken.has(path) || tmpfs.some((t) => path.startsWith(`${t}/`)))) delete mount.mountPath;
        if (mount.mountPath !== undefined) taken.add(mount.mountPath as string);
        // Secrets as files go under the mount path.
        if (mount.mountPath === undefined) delete mount.secretsAsFiles;
    }
}

/**
 * Keeps a workload's init containers and sidecars within their rules: names
 * unique, mounts of the workload's volumes by name (`$volume` is a position),
 * each path once and not /tmp under a read-only root, configs where no tmpfs
 * hides them.
 */
function repairHelpers(workload: Args): void {
    const volumes = (workload.volumes ?? []) as Args[];
    const names = new Set<string>();
    for (const list of ["initContainers", "sidecars"]) {
        if (workload[list] === undefined) continue;
        const kept = ((workload[list] as Args[]) ?? []).filter((helper) => {
            if (names.has(helper.name as string)) return false;
            names.add(helper.name as string);
            return true;
        });
        workload[list] = kept;
        for (const helper of kept) {
            const taken = new Set<string>(readOnlyRootOf(helper) ? ["/tmp"] : []);
            const mounts: Args[] = [];
            for (const mount of (helper.volumes ?? []) as Args[]) {
                const volume = volumes.length > 0 ? volumes[(mount.$volume as number) % volumes.length] : undefined;
                if (volume === undefined || taken.has(mount.mountPath as string)) continue;
                taken.add(mount.mountPath as string);
                mounts.push(compact({ name: volume.name, mountPath: mount.mountPath, readOnly: mount.readOnly }));
            }
            if (helper.volumes !== undefined) helper.volumes = mounts;
            const tmpfs = [...mounts.filter((m) => !volumes.find((v) => v.name === m.name)?.persistent).map((m) => m.mountPath as string), ...(readOnlyRootOf(helper) ? ["/tmp"] : [])];
            repairConfigMounts(helper, taken, tmpfs);
        }
    }
}

/**
 * Keeps an app (or a job) within its own documented rules: a singleton runs
 * one replica; mount paths are used once, and not at /tmp under a read-only
 * root; its helpers keep theirs.
 */
function repairApp(app: Args): Args {
    if (app.singleton === true) app.replicas = 1;
    const readOnlyRoot = readOnlyRootOf(app);
    let appVolumes = (app.volumes ?? []) as Args[];
    if (readOnlyRoot && appVolumes.some((v) => v.mountPath === "/tmp")) {
        appVolumes = appVolumes.filter((v) => v.mountPath !== "/tmp");
        app.volumes = appVolumes;
    }
    const taken = new Set(appVolumes.map((v) => v.mountPath as string));
    if (readOnlyRoot) taken.add("/tmp");
    // A tmpfs (ephemeral volume, /tmp scratch) would hide config files mounted inside it on Docker.
    const tmpfs = [...appVolumes.filter((v) => !v.persistent).map((v) => v.mountPath as string), ...(readOnlyRoot ? ["/tmp"] : [])];
    repairConfigMounts(app, taken, tmpfs);
    // One published port number per protocol.
    const published = new Set<string>();
    for (const p of (app.ports ?? []) as Args[]) {
        if (p.publish === undefined) continue;
        const key = `${p.publish}/${p.protocol ?? "tcp"}`;
        if (published.has(key)) delete p.publish;
        else published.add(key);
    }
    repairHelpers(app);
    repairPublishAs(app);
    // up waits healthyTimeoutSeconds for a replica: a slow start must fit in it.
    const check = app.healthCheck as Args | undefined;
    if (check?.startupSeconds !== undefined && (check.startupSeconds as number) > ((app.healthyTimeoutSeconds as number | undefined) ?? 60)) {
        app.healthyTimeoutSeconds = check.startupSeconds;
    }
    return app;
}

// ---------------------------------------------------------------- ContainerJob

/** Job names: a Kubernetes Job is `<name>-<hash>`, so at most 52 characters. */
export const jobName = validName.filter((name) => name.length <= 52);

/** A ContainerJob's args, valid on its own (its volumes ephemeral); cross-workload rules are repaired by `system`. */
export function jobArgs(context: AppContext): fc.Arbitrary<Args> {
    return fc
        .record({
            network: fc.constant({ $ref: "network" }),
            target: optional(fc.constant(context.target)),
            source: imageOrBuild(context.options),
            command: optional(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })),
            args: optional(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })),
            env: optional(fc.dictionary(envName, plainOrSecret(context.options), { maxKeys: 3 })),
            configs: configMountsOf(context),
            volumes: optional(volumes.map((list) => list.map(({ persistent: _persistent, ...v }) => v))),
            resources: optional(resources),
            labels: optional(labels),
            security: optional(security),
            initContainers: optional(fc.array(helperArgs(context), { maxLength: 2 })),
            timeoutSeconds: optional(fc.integer({ min: 1, max: 86400 })),
            retries: optional(fc.integer({ min: 0, max: 100 })),
            skipAwait: optional(fc.boolean()),
        })
        .map(({ source, ...args }) => repairApp(compact({ ...args, ...source })));
}

/** A public Service ("LoadBalancer", "NodePort") exposes published ports: without one, the choice is "none" or left out. */
function repairPublishAs(app: Args): void {
    if (app.publishAs !== "none" && !((app.ports ?? []) as Args[]).some((p) => p.publish !== undefined)) delete app.publishAs;
}

/** Whether the app gets the Service "<app>-public" on Kubernetes: it publishes, and is not reached through its ingress only. */
export function hasPublicService(app: Args): boolean {
    const publishAs = (app.publishAs as string | undefined) ?? (app.ingress ? "none" : "LoadBalancer");
    return publishAs !== "none" && ((app.ports ?? []) as Args[]).some((p) => p.publish !== undefined);
}

/** What the Pod Security level "restricted" refuses of an app's security settings (README, AppNetwork podSecurity). */
function refusedByRestricted(app: Args): boolean {
    const security = (app.security ?? {}) as Args;
    const nonRoot = (security.runAsNonRoot ?? true) as boolean;
    return !nonRoot || (security.runAsUser ?? 65532) === 0 || security.allowPrivilegeEscalation === true || security.dropAllCapabilities === false;
}

// ---------------------------------------------------------------- AutoscalingPolicy

/** A policy's args for an app, using only metrics the app has requests for. */
export function policyArgs(target: Target, appRef: string, requests: { cpu: boolean; memory: boolean }): fc.Arbitrary<Args> {
    const behaviour = fc
        .record({ stabilizationWindowSeconds: optional(fc.integer({ min: 0, max: 3600 })), podsPerMinute: optional(fc.integer({ min: 1, max: 1000 })) })
        .map(compact);
    return fc
        .record({
            target: optional(fc.constant(target)),
            minReplicas: fc.integer({ min: 1, max: 6 }),
            extra: fc.integer({ min: 0, max: 20 }),
            cpu: fc.boolean(),
            cpuUtilization: fc.integer({ min: 1, max: 1000 }),
            memoryUtilization: fc.integer({ min: 1, max: 1000 }),
            scaleUp: optional(behaviour),
            scaleDown: optional(behaviour),
            minAvailable: optional(fc.nat()),
        })
        .map(({ minReplicas, extra, cpu: onCpu, cpuUtilization, memoryUtilization, minAvailable, ...rest }) => {
            const useCpu = requests.cpu && (onCpu || !requests.memory);
            const useMemory = requests.memory && (!onCpu || !requests.cpu);
            return compact({
                app: { $ref: appRef },
                ...rest,
                minReplicas,
                maxReplicas: minReplicas + extra,
                cpuUtilization: useCpu ? cpuUtilization : undefined,
                memoryUtilization: useMemory ? memoryUtilization : undefined,
                minAvailable: minAvailable === undefined ? undefined : minAvailable % minReplicas,
            });
        });
}

function requestsOf(app: Args): { cpu: boolean; memory: boolean } {
    const requests = ((app.resources as Args | undefined)?.requests ?? {}) as Args;
    return { cpu: requests.cpu !== undefined, memory: requests.memory !== undefined };
}

// ---------------------------------------------------------------- whole programs

export interface SystemOptions {
    targets?: Target[];
    options?: ConfigOptions;
    maxApps?: number;
    /** Give some apps their policy's args as their own `autoscaling` instead. */
    inlineScaling?: boolean;
}

/** A whole valid program on one target. */
export function system({ targets: allowed = targets, options = { secrets: "some" }, maxApps = 3, inlineScaling = false }: SystemOptions = {}): fc.Arbitrary<SystemSpec> {
    return fc
        .record({
            target: fc.constantFrom(...allowed),
            skipAwait: optional(fc.constantFrom("true", "false")),
            tier: optional(fc.constantFrom("dev", "staging")),
            configCount: fc.integer({ min: 0, max: 2 }),
            appCount: fc.integer({ min: 1, max: maxApps }),
            jobCount: fc.constantFrom(0, 0, 1, 2),
            // With "some", three systems in four have no secret at all (see ConfigOptions).
            secrets: options.secrets === "some" ? fc.constantFrom<ConfigOptions["secrets"]>("none", "none", "none", "some") : fc.constant(options.secrets),
        })
        .chain(({ target, skipAwait, tier, configCount, appCount, jobCount, secrets }) => {
            const chosen: ConfigOptions = { secrets };
            const configRefs = Array.from({ length: configCount }, (_, index) => `config:${index}`);
            const context = { target, configs: configRefs, options: chosen };
            const workloads = appCount + jobCount;
            return fc
                .record({
                    names: fc.uniqueArray(validName, { minLength: 1 + configCount + appCount, maxLength: 1 + configCount + appCount }),
                    jobNames: fc.uniqueArray(jobName, { minLength: jobCount, maxLength: jobCount }),
                    network: networkArgs(target),
                    configs: fc.tuple(...configRefs.map(() => configArgs(target, chosen))),
                    apps: fc.tuple(...Array.from({ length: appCount }, () => appArgs(context))),
                    jobs: fc.tuple(...Array.from({ length: jobCount }, () => jobArgs(context))),
                    ranks: fc.array(fc.nat(), { minLength: workloads, maxLength: workloads }),
                    dependencyPicks: fc.array(fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 2 }), { minLength: workloads, maxLength: workloads }),
                    policyPicks: fc.array(fc.boolean(), { minLength: appCount, maxLength: appCount }),
                    policyNames: fc.uniqueArray(validName, { minLength: appCount, maxLength: appCount }),
                    inlinePicks: fc.array(fc.boolean(), { minLength: appCount, maxLength: appCount }),
                })
                .chain(({ names, jobNames, network, configs, apps, jobs, ranks, dependencyPicks, policyPicks, policyNames, inlinePicks }) => {
                    // Kubernetes pushes the images it builds to the stack's registry.
                    const registry = target === "kubernetes" ? fixtureRegistry : undefined;
                    const stack = compact({ "berth:target": target, "berth:skipAwait": skipAwait, "berth:tier": tier, "berth:registry": registry }) as Record<string, string>;
                    const picked = apps.flatMap((app, index) => {
                        const requests = requestsOf(app);
                        return policyPicks[index] && app.singleton !== true && (requests.cpu || requests.memory) ? [{ index, requests }] : [];
                    });
                    const taken = new Set(names);
                    return fc.tuple(...picked.map(({ index, requests }) => policyArgs(target, `app:${index}`, requests))).map((policies) =>
                        repairSystem(
                            {
                                stack,
                                network: { name: names[0], args: network },
                                configs: configs.map((args, index) => ({ name: names[1 + index], args })),
                                apps: apps.map((args, index) => ({ name: names[1 + configCount + index], args })),
                                // A job needs a name no other component of the network has.
                                jobs: jobs.map((args, index) => ({ name: jobNames[index], args })).filter((job) => !taken.has(job.name)),
                                policies: policies.map((args, index) => {
                                    // An app's own autoscaling names its objects after the app: no policy may have that name.
                                    const appName = names[1 + configCount + picked[index].index];
                                    const inline = inlineScaling && inlinePicks[index] && !policyNames.slice(0, picked.length).includes(appName);
                                    return { name: policyNames[index], args, ...(inline ? { inline: true } : {}) };
                                }),
                            },
                            { ranks, dependencyPicks },
                        ),
                    );
                });
        });
}

/** How `system` draws start-up order: a rank per workload (apps, then jobs), and per workload the dependencies it picks. */
interface OrderPicks {
    ranks: number[];
    dependencyPicks: Array<Array<[number, boolean]>>;
}

/**
 * Names other workloads: allowFrom entries become names of the network's
 * apps and jobs, and each workload waits only for workloads of a lower rank
 * (so there is no cycle), for "healthy" only when that app has a health check.
 */
function repairReferences(spec: SystemSpec, order: OrderPicks): void {
    const workloads = [...spec.apps.map((w) => ({ ...w, kind: "app" as const })), ...spec.jobs.map((w) => ({ ...w, kind: "job" as const }))];
    const names = workloads.map((w) => w.name);
    const rankOf = (index: number) => [order.ranks[index] ?? 0, index];
    const lower = (a: number, b: number) => rankOf(a)[0] < rankOf(b)[0] || (rankOf(a)[0] === rankOf(b)[0] && a < b);
    workloads.forEach((workload, index) => {
        const args = workload.args;
        if (Array.isArray(args.allowFrom)) {
            args.allowFrom = (args.allowFrom as string[]).map((entry) => names[[...entry].reduce((sum, c) => sum + c.charCodeAt(0), entry.length) % names.length]);
        }
        const candidates = workloads.map((_, other) => other).filter((other) => lower(other, index));
        const dependencies: Args[] = [];
        for (const [pick, explicit] of order.dependencyPicks[index] ?? []) {
            if (candidates.length === 0) break;
            const dependency = workloads[candidates[pick % candidates.length]];
            if (dependencies.some((d) => d.app === dependency.name || d.job === dependency.name)) continue;
            if (dependency.kind === "job") {
                dependencies.push(compact({ job: dependency.name, condition: explicit ? "completed" : undefined }));
            } else {
                const healthy = explicit && dependency.args.healthCheck !== undefined;
                dependencies.push(compact({ app: dependency.name, condition: healthy ? "healthy" : explicit ? "started" : undefined }));
            }
        }
        if (dependencies.length > 0) args.dependsOn = dependencies;
    });
}

/**
 * Applies the rules that span components, as documented: on Docker a host port
 * is bound by one container (unique across apps; the app and its policy run one
 * replica when it publishes). Repairs rather than filters, so generation stays fast.
 */
function repairSystem(generated: SystemSpec, order: OrderPicks): SystemSpec {
    // Repairs edit the spec; fast-check may hand the same generated objects to several candidates while it shrinks.
    const spec = structuredClone(generated);
    // The public Service "<app>-public" must be a DNS label too (both targets).
    for (const app of spec.apps.filter((a) => a.name.length > 56 && hasPublicService(a.args))) {
        for (const p of (app.args.ports ?? []) as Args[]) delete p.publish;
        repairPublishAs(app.args);
    }
    // An internal network has no outside destination to allow.
    if (spec.network.args.internal === true) {
        for (const app of spec.apps) {
            if (app.args.allowTo) app.args.allowTo = (app.args.allowTo as Args[]).filter((to) => to.cidr === undefined);
        }
    }
    // A namespace berth creates enforces "restricted" by default: an app that opts out of what it demands needs a laxer level.
    const createsNamespace = (spec.network.args.createNamespace ?? true) === true;
    if (spec.stack["berth:target"] === "kubernetes" && createsNamespace && (spec.network.args.podSecurity ?? "restricted") === "restricted" && spec.apps.some((a) => refusedByRestricted(a.args))) {
        spec.network.args.podSecurity = "baseline";
    }
    // A StatefulSet's pods are labelled "<app>-<hash>": an app that keeps data is named in at most 52 characters.
    for (const app of spec.apps.filter((a) => a.name.length > 52)) {
        for (const v of (app.args.volumes ?? []) as Args[]) delete v.persistent;
    }
    // The mocks see no parents: an AppNetwork named "<app>-allow" and that app's Docker allow network
    // (the app's child, another URN on a real engine) would look like one resource. Such an app lets no one in.
    for (const app of spec.apps) if (spec.network.name === `${app.name}-allow`) delete app.args.allowFrom;
    // A helper is no container of the workload's own name.
    for (const workload of [...spec.apps, ...spec.jobs]) {
        for (const list of ["initContainers", "sidecars"]) {
            if (Array.isArray(workload.args[list])) workload.args[list] = (workload.args[list] as Args[]).filter((h) => h.name !== workload.name);
        }
    }
    repairReferences(spec, order);
    repairDerivedNames(spec);
    // The repairs above may have made a volume ephemeral (dropped `persistent`): a tmpfs now.
    for (const workload of [...spec.apps, ...spec.jobs]) repairHiddenConfigs(workload.args);
    if (spec.stack["berth:target"] !== "docker") {
        return spec;
    }
    const taken = new Set<number>();
    spec.apps.forEach((app, index) => {
        const policy = spec.policies.find((p) => (p.args.app as { $ref: string }).$ref === `app:${index}`);
        const replicas = Math.max((app.args.replicas as number | undefined) ?? 1, policy ? (policy.args.minReplicas as number) : 0);
        for (const p of (app.args.ports ?? []) as Args[]) {
            if (p.publish === undefined) continue;
            if (replicas > 1 || taken.has(p.publish as number)) {
                delete p.publish;
            } else {
                taken.add(p.publish as number);
            }
        }
        repairPublishAs(app.args);
    });
    return spec;
}

/**
 * Config mounts moved out of a tmpfs again (`repairApp` and `repairHelpers`
 * did it once; a system-wide repair that drops a volume's `persistent` after
 * them turns its mounts into tmpfs, the app's and its helpers').
 */
function repairHiddenConfigs(workload: Args): void {
    const volumes = (workload.volumes ?? []) as Args[];
    const ephemeral = (name: unknown) => volumes.find((v) => v.name === name)?.persistent !== true;
    repairConfigMounts(workload, new Set(), volumes.filter((v) => ephemeral(v.name)).map((v) => v.mountPath as string));
    for (const helper of [...((workload.initContainers ?? []) as Args[]), ...((workload.sidecars ?? []) as Args[])]) {
        const mounts = (helper.volumes ?? []) as Args[];
        repairConfigMounts(helper, new Set(), mounts.filter((m) => ephemeral(m.name)).map((m) => m.mountPath as string));
    }
}

/** The workload's volumes a helper mounts too (Docker makes them named volumes: a tmpfs cannot be shared). */
function sharedVolumes(args: Args): Set<string> {
    const helpers = [...((args.initContainers ?? []) as Args[]), ...((args.sidecars ?? []) as Args[])];
    return new Set(helpers.flatMap((h) => ((h.volumes ?? []) as Args[]).map((m) => m.name as string)));
}

/**
 * Objects named after a component plus a suffix must not take another
 * component's object name on the network (Services "<app>", "<app>-public"
 * and "<app>-headless", Secrets "<config>" and "<workload>-env", Docker named
 * volumes "<workload>-<volume>", Kubernetes claims "volume-<volume>-<app>");
 * components claim them in the order they are declared (configs, then apps,
 * then jobs). Drops the feature that would make the second name.
 */
function repairDerivedNames(spec: SystemSpec): void {
    const taken = new Set<string>();
    const mayBeSecret = (value: unknown) => typeof value !== "string";
    for (const c of spec.configs) {
        const contents = [...Object.values((c.args.files ?? {}) as Args), ...Object.values((c.args.values ?? {}) as Args)];
        if (Object.keys((c.args.secrets ?? {}) as Args).length > 0 || contents.some(mayBeSecret)) taken.add(`Secret/${c.name}`);
    }
    const envSecret = (workload: ComponentSpec) => {
        const containers = [workload.args, ...((workload.args.initContainers ?? []) as Args[]), ...((workload.args.sidecars ?? []) as Args[])];
        const envs = containers.map((c) => (c.env ?? {}) as Args);
        if (envs.some((env) => Object.values(env).some(mayBeSecret)) && taken.has(`Secret/${workload.name}-env`)) {
            for (const env of envs) for (const [key, value] of Object.entries(env)) if (mayBeSecret(value)) env[key] = "plain";
        }
        if (envs.some((env) => Object.values(env).some(mayBeSecret))) taken.add(`Secret/${workload.name}-env`);
    };
    const namedVolumes = (workload: ComponentSpec) => {
        const shared = sharedVolumes(workload.args);
        for (const v of (workload.args.volumes ?? []) as Args[]) {
            const named = () => v.persistent === true || shared.has(v.name as string);
            if (named() && taken.has(`volume/${workload.name}-${v.name}`)) {
                delete v.persistent;
                if (named()) {
                    // Shared with a helper: the helpers stop mounting it.
                    for (const helper of [...((workload.args.initContainers ?? []) as Args[]), ...((workload.args.sidecars ?? []) as Args[])]) {
                        if (helper.volumes !== undefined) helper.volumes = (helper.volumes as Args[]).filter((m) => m.name !== v.name);
                    }
                }
            }
            if (v.persistent === true && taken.has(`PersistentVolumeClaim/volume-${v.name}-${workload.name}`)) delete v.persistent;
        }
    };
    for (const app of spec.apps) {
        const args = app.args;
        const ports = (args.ports ?? []) as Args[];
        if (ports.length > 0 && taken.has(`Service/${app.name}`)) {
            delete args.ports;
            delete args.ingress;
            repairPublishAs(args);
        }
        if (hasPublicService(args) && taken.has(`Service/${app.name}-public`)) {
            for (const p of ports) delete p.publish;
            repairPublishAs(args);
        }
        const volumes = (args.volumes ?? []) as Args[];
        if (volumes.some((v) => v.persistent) && taken.has(`Service/${app.name}-headless`)) {
            for (const v of volumes) delete v.persistent;
        }
        envSecret(app);
        namedVolumes(app);
        // What this app now claims.
        const kept = (args.ports ?? []) as Args[];
        if (kept.length > 0) taken.add(`Service/${app.name}`);
        if (hasPublicService(args)) taken.add(`Service/${app.name}-public`);
        if (volumes.some((v) => v.persistent)) taken.add(`Service/${app.name}-headless`);
        const shared = sharedVolumes(args);
        for (const v of volumes) {
            if (v.persistent || shared.has(v.name as string)) taken.add(`volume/${app.name}-${v.name}`);
            if (v.persistent) taken.add(`PersistentVolumeClaim/volume-${v.name}-${app.name}`);
        }
    }
    for (const job of spec.jobs) {
        envSecret(job);
        namedVolumes(job);
        for (const name of sharedVolumes(job.args)) taken.add(`volume/${job.name}-${name}`);
    }
}

// ---------------------------------------------------------------- key order

/**
 * The same spec with every object's keys in another order (and the lists berth
 * documents as unordered, ports, allowFrom and allowTo, permuted). `order` drives the
 * permutation so that fast-check can shrink it.
 */
export function reordered<T>(value: T, order: number[]): T {
    let cursor = 0;
    const next = () => order[cursor++ % Math.max(order.length, 1)] ?? 0;
    const permute = <U>(items: U[]): U[] => {
        const out = [...items];
        for (let i = out.length - 1; i > 0; i--) {
            const j = next() % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    };
    const walk = (node: unknown, key?: string): unknown => {
        if (Array.isArray(node)) {
            const items = node.map((item) => walk(item));
            return key === "ports" || key === "allowFrom" || key === "allowTo" ? permute(items) : items;
        }
        if (typeof node === "object" && node !== null) {
            if (Object.keys(node).some((k) => k.startsWith("$"))) {
                return node;
            }
            return Object.fromEntries(permute(Object.entries(node)).map(([k, v]) => [k, walk(v, k)]));
        }
        return node;
    };
    return walk(value) as T;
}

// ---------------------------------------------------------------- faults

/**
 * One thing wrong with a component's args: fields to overwrite (`$name` is the
 * component's name, `{ $delete: true }` leaves a field out) and the text one of
 * the error's problems must start with (its path, or the message of a rule
 * about the whole component).
 */
export interface Fault {
    sets: Record<string, unknown>;
    expect: string;
}

const remove = { $delete: true };
const notString = fc.constantFrom<unknown>(42, null, true, {}, [], -1.5);
const notNumber = fc.constantFrom<unknown>("80", null, true, {}, [], NaN, Infinity);
const notBoolean = fc.constantFrom<unknown>("true", 1, 0, null, {}, []);

export const invalidName = fc.oneof(
    fc.constantFrom("", "Web", "web_1", "1web", "web-", "-web", "web.app", "wéb", "a b"),
    fc.integer({ min: 64, max: 80 }).map((length) => "a".repeat(length)),
    fc.stringMatching(/^[a-z][a-z0-9]{0,6}[A-Z_.][a-z0-9]{0,4}$/),
);

function fault(sets: Record<string, unknown>, expect: string): Fault {
    return { sets, expect };
}

const field = (name: string, values: fc.Arbitrary<unknown>, expect = name) => values.map((value) => fault({ [name]: value }, expect));
const nested = (name: string, build: (value: unknown) => unknown, values: fc.Arbitrary<unknown>, expect: string) =>
    values.map((value) => fault({ [name]: build(value) }, expect));
const badPortNumber = fc.oneof(fc.constantFrom<unknown>(0, -1, 65536, 70000, 1.5), notNumber);
const badSeconds = fc.constantFrom<unknown>(0, -1, 3601, 1.5, "10", null);
const badCpu = fc.constantFrom<unknown>("lots", "0", "-1", "1.5.5", "0.0001", "1e3", "", "250 m", 5, null, "9007199254741", "99999999999999999999999m");
const badMemory = fc.constantFrom<unknown>("12XB", "0", "1.5Gi", "-1Mi", "", "1 Gi", "1gi", 512, null);
const badEnvName = fc.constantFrom("1BAD", "A-B", "", "has space", "é", "A.B");
const badFileName = fc.constantFrom("etc/app.yaml", "a b", "", "ü", "a/b", "x:y", ".", "..", "..x", "f".repeat(254));
const unknownField = (known: string[]) =>
    fc.constantFrom("replica", "resource", "env_vars", "Image", "name", "secret", "foo").filter((key) => !known.includes(key));

/** Faults a component's schema reports whatever else is wrong (one field each). */
/** Faults of an init container's or sidecar's fields, in `list`. */
function helperFaults(list: "initContainers" | "sidecars"): fc.Arbitrary<Fault> {
    return fc.oneof(
        field(list, fc.constantFrom<unknown>("init", {}, 5)),
        nested(list, (v) => [{ name: v, image: "h:1" }], invalidName.filter((n) => n.length > 0), `${list}[0].name`),
        nested(list, (v) => [{ name: "helper", image: v }], fc.constantFrom<unknown>("my image", "", 5, null), `${list}[0].image`),
        fc.constant(fault({ [list]: [{ image: "h:1" }] }, `${list}[0].name`)),
        nested(list, (v) => [{ name: "helper", image: "h:1", env: { [String(v)]: "x" } }], badEnvName, `${list}[0].env`),
        nested(list, (v) => [{ name: "helper", image: "h:1", volumes: [{ name: "data", mountPath: v }] }], fc.constantFrom<unknown>("data", "", 5), `${list}[0].volumes[0].mountPath`),
        nested(list, (v) => [{ name: "helper", image: "h:1", resources: { limits: { cpu: v } } }], badCpu, `${list}[0].resources.limits.cpu`),
        fc.constant(fault({ [list]: [{ name: "helper", image: "h:1", ports: [] }] }, `${list}[0].ports`)),
    );
}

/** Faults of a dependency's shape (the names it gives are checked once every workload is known). */
const dependencyFaults = fc.oneof(
    field("dependsOn", fc.constantFrom<unknown>("db", {}, 5)),
    fc.constantFrom<unknown>({}, { app: "pub", job: "done" }).map((d) => fault({ dependsOn: [d] }, "dependsOn[0]")),
    fc.constant(fault({ dependsOn: [{ app: "pub", condition: "completed" }] }, "dependsOn[0].condition")),
    fc.constant(fault({ dependsOn: [{ job: "done", condition: "healthy" }] }, "dependsOn[0].condition")),
    nested("dependsOn", (v) => [{ app: v }], invalidName, "dependsOn[0].app"),
);

export function fieldFaults(component: "ContainerApp" | "ContainerJob" | "AppConfig" | "AppNetwork" | "AutoscalingPolicy"): fc.Arbitrary<Fault> {
    const name = invalidName.map((value) => fault({ $name: value }, "name"));
    const badTarget = fc.constantFrom<unknown>("nomad", "Docker", "k8s", "", 5, null);
    switch (component) {
        case "AppNetwork":
            return fc.oneof(
                name,
                field("target", badTarget),
                field("internal", notBoolean),
                field("namespace", invalidName),
                field("createNamespace", notBoolean),
                field("defaultDenyIngress", notBoolean),
                field("defaultDenyEgress", notBoolean),
                field("podSecurity", fc.constantFrom<unknown>("strict", "Restricted", "none", "", 5)),
                // A rule between fields: Pod Security labels go on a namespace berth creates.
                fc.constantFrom("restricted", "baseline", "privileged").map((level) => fault({ podSecurity: level, createNamespace: false }, "podSecurity")),
                field("skipAwait", notBoolean),
                badLabels(),
                field("labels", fc.constantFrom<unknown>("team=a", [], 5)),
                unknownField(["target", "internal", "namespace", "createNamespace", "defaultDenyIngress", "defaultDenyEgress", "podSecurity", "labels", "skipAwait"]).map((key) =>
                    fault({ [key]: 1 }, key),
                ),
            );
        case "AppConfig":
            return fc.oneof(
                name,
                field("target", badTarget),
                field("network", fc.constantFrom<unknown>(remove, "shop", null, {}, { $ref: "app:free" })),
                ...(["files", "values", "secrets"] as const).flatMap((map) => [
                    (map === "files" ? badFileName : badEnvName).map((key) => fault({ [map]: { [key]: "x" } }, `${map}.${key}`)),
                    notString.map((value) => fault({ [map]: { OK_KEY: value } }, `${map}.OK_KEY`)),
                    field(map, fc.constantFrom<unknown>("x", [], 5)),
                ]),
                unknownField(["network", "target", "files", "values", "secrets"]).map((key) => fault({ [key]: {} }, key)),
            );
        case "AutoscalingPolicy":
            return fc.oneof(
                name,
                field("target", badTarget),
                field("app", fc.constantFrom<unknown>(remove, "web", null, {}, { $ref: "network" }, { $ref: "config:0" })),
                field("minReplicas", fc.constantFrom<unknown>(0, 1001, 1.5, "2", null, remove)),
                field("maxReplicas", fc.constantFrom<unknown>(0, 1001, 1.5, "2", null, remove)),
                field("cpuUtilization", fc.constantFrom<unknown>(0, 1001, 1.5, "70", null)),
                field("memoryUtilization", fc.constantFrom<unknown>(0, 1001, 1.5, "70", null)),
                field("minAvailable", fc.constantFrom<unknown>(-1, 1.5, "1", null)),
                ...(["scaleUp", "scaleDown"] as const).flatMap((direction) => [
                    nested(direction, (v) => ({ podsPerMinute: v }), fc.constantFrom<unknown>(0, 1001, 1.5, "5"), `${direction}.podsPerMinute`),
                    nested(direction, (v) => ({ stabilizationWindowSeconds: v }), fc.constantFrom<unknown>(-1, 3601, 1.5, "5"), `${direction}.stabilizationWindowSeconds`),
                    fc.constant(fault({ [direction]: { pods: 1 } }, `${direction}.pods`)),
                    field(direction, fc.constantFrom<unknown>("fast", 5, [])),
                ]),
                unknownField(["app", "target", "minReplicas", "maxReplicas", "cpuUtilization", "memoryUtilization", "scaleUp", "scaleDown", "minAvailable"]).map(
                    (key) => fault({ [key]: 1 }, key),
                ),
            );
        case "ContainerApp":
            return fc.oneof(
                name,
                field("target", badTarget),
                field("network", fc.constantFrom<unknown>(remove, "shop", null, {}, { $ref: "config:0" })),
                field("image", fc.oneof(fc.constantFrom<unknown>("my image", "", " web:1", "web:1\n"), notString)),
                fc.constant(fault({ image: remove, build: remove }, "image")),
                ...buildFaults(),
                field("command", fc.constantFrom<unknown>("run", {}, 5)),
                nested("command", (v) => [v], notString, "command[0]"),
                field("args", fc.constantFrom<unknown>("--x", {}, 5)),
                badEnvName.map((key) => fault({ env: { [key]: "x" } }, `env.${key}`)),
                notString.map((value) => fault({ env: { OK_NAME: value } }, "env.OK_NAME")),
                field("env", fc.constantFrom<unknown>("A=1", [], 5)),
                field("configs", fc.constantFrom<unknown>("cfg", {}, 5)),
                nested("configs", (v) => [{ config: v }], fc.constantFrom<unknown>("cfg", {}, null, { $ref: "network" }), "configs[0].config"),
                nested("configs", (v) => [{ config: { $ref: "config:0" }, mountPath: v }], fc.constantFrom<unknown>("etc", "", 5), "configs[0].mountPath"),
                nested("configs", (v) => [{ config: { $ref: "config:0" }, env: v }], notBoolean, "configs[0].env"),
                nested("configs", (v) => [{ config: { $ref: "config:0" }, mountPath: "/etc/x", secretsAsFiles: v }], notBoolean, "configs[0].secretsAsFiles"),
                fc.constant(fault({ configs: [{ config: { $ref: "config:0" }, secretsAsFiles: true }] }, "configs[0].secretsAsFiles")),
                fc.constant(fault({ configs: [{ config: { $ref: "config:0" }, path: "/x" }] }, "configs[0].path")),
                field("ports", fc.constantFrom<unknown>("80", {}, 80)),
                nested("ports", (v) => [{ port: v }], badPortNumber, "ports[0].port"),
                nested("ports", (v) => [{ port: 8081, publish: v }], badPortNumber, "ports[0].publish"),
                nested("ports", (v) => [{ port: 8081, protocol: v }], fc.constantFrom<unknown>("sctp", "TCP", "", 6), "ports[0].protocol"),
                nested("ports", (v) => [{ port: 8081, name: v }], fc.constantFrom<unknown>("HTTP", "abcdefghijklmnop", "123", "-a", "a-", "", 5), "ports[0].name"),
                fc.constant(fault({ ports: [{ port: 8081, host: 1 }] }, "ports[0].host")),
                nested("healthCheck", (v) => ({ http: { path: v, port: 80 } }), fc.constantFrom<unknown>("healthz", "", 5), "healthCheck.http.path"),
                nested("healthCheck", (v) => ({ tcp: { port: v } }), badPortNumber, "healthCheck.tcp.port"),
                fc.constant(fault({ healthCheck: { command: [] } }, "healthCheck.command")),
                ...(["intervalSeconds", "timeoutSeconds"] as const).map((key) => nested("healthCheck", (v) => ({ tcp: { port: 80 }, [key]: v }), badSeconds, `healthCheck.${key}`)),
                nested("healthCheck", (v) => ({ tcp: { port: 80 }, failureThreshold: v }), fc.constantFrom<unknown>(0, 101, 1.5), "healthCheck.failureThreshold"),
                nested("healthCheck", (v) => ({ tcp: { port: 80 }, initialDelaySeconds: v }), fc.constantFrom<unknown>(-1, 3601, 1.5), "healthCheck.initialDelaySeconds"),
                fc.constantFrom(fault({ healthCheck: {} }, "healthCheck"), fault({ healthCheck: { tcp: { port: 80 }, command: ["x"] } }, "healthCheck")),
                nested("healthCheck", (v) => ({ tcp: { port: 80 }, livenessFailureThreshold: v }), fc.constantFrom<unknown>(0, 1001, 1.5, "6", 2), "healthCheck.livenessFailureThreshold"),
                nested("healthCheck", (v) => ({ tcp: { port: 80 }, startupSeconds: v }), badSeconds, "healthCheck.startupSeconds"),
                nested("resources", (v) => ({ requests: { cpu: v } }), badCpu, "resources.requests.cpu"),
                nested("resources", (v) => ({ limits: { cpu: v } }), badCpu, "resources.limits.cpu"),
                nested("resources", (v) => ({ requests: { memory: v } }), badMemory, "resources.requests.memory"),
                nested("resources", (v) => ({ limits: { memory: v } }), badMemory, "resources.limits.memory"),
                fc.constantFrom(
                    fault({ resources: { requests: { cpu: "2" }, limits: { cpu: "1500m" } } }, "resources.requests.cpu"),
                    fault({ resources: { requests: { memory: "1Gi" }, limits: { memory: "1000Mi" } } }, "resources.requests.memory"),
                    fault({ resources: { cpu: "1" } }, "resources.cpu"),
                ),
                field("replicas", fc.constantFrom<unknown>(-1, 1001, 1.5, "2", null)),
                field("restartPolicy", fc.constantFrom<unknown>("sometimes", "Always", "", 1)),
                nested("volumes", (v) => [{ name: v, mountPath: "/data" }], fc.oneof(invalidName, fc.integer({ min: 57, max: 63 }).map((n) => "v".repeat(n))), "volumes[0].name"),
                nested("volumes", (v) => [{ name: "data", mountPath: v }], fc.constantFrom<unknown>("data", "", 5), "volumes[0].mountPath"),
                nested("volumes", (v) => [{ name: "data", mountPath: "/data", size: v }], badMemory, "volumes[0].size"),
                nested("volumes", (v) => [{ name: "data", mountPath: "/data", persistent: v }], notBoolean, "volumes[0].persistent"),
                field("volumes", fc.constantFrom<unknown>("data", {}, 5)),
                badLabels(),
                nested("ingress", (v) => ({ host: v, port: "x" }), fc.constantFrom<unknown>("not a host", "Shop.example.com", "", "-a.b", 5), "ingress.host"),
                nested("ingress", (v) => ({ host: "a.example.com", port: "x", path: v }), fc.constantFrom<unknown>("api", "", 5), "ingress.path"),
                nested("ingress", (v) => ({ host: "a.example.com", port: "x", tlsSecretName: v }), invalidName, "ingress.tlsSecretName"),
                nested("ingress", (v) => ({ host: "a.example.com", port: "x", controllerNamespace: v }), invalidName, "ingress.controllerNamespace"),
                field("publishAs", fc.constantFrom<unknown>("loadbalancer", "ClusterIP", "", 5)),
                field("allowTo", fc.constantFrom<unknown>("web", {}, 5)),
                nested("allowTo", (v) => [{ app: v }], invalidName, "allowTo[0].app"),
                nested("allowTo", (v) => [{ cidr: v }], fc.constantFrom<unknown>("10.0.0.1/8", "10.0.0.0", "300.0.0.0/8", "10.0.0.0/33", "web", "::1/129", 5), "allowTo[0].cidr"),
                nested("allowTo", (v) => [{ cidr: "10.0.0.0/8", port: v }], badPortNumber, "allowTo[0].port"),
                fc.constantFrom(
                    fault({ allowTo: [{ app: "web", cidr: "10.0.0.0/8" }] }, "allowTo[0]"),
                    fault({ allowTo: [{}] }, "allowTo[0]"),
                    fault({ allowTo: [{ app: "web", port: 80 }] }, "allowTo[0].port"),
                    fault({ allowTo: [{ cidr: "10.0.0.0/8", protocol: "udp" }] }, "allowTo[0].protocol"),
                    fault({ allowTo: [{ cidr: "10.0.0.0/8", host: "x" }] }, "allowTo[0].host"),
                ),
                nested("allowFrom", (v) => [v], invalidName, "allowFrom[0]"),
                field("allowFrom", fc.constantFrom<unknown>("web", {}, 5)),
                nested("security", (v) => ({ runAsUser: v }), fc.constantFrom<unknown>(-1, 1.5, 2147483648, "1000"), "security.runAsUser"),
                nested("security", (v) => ({ runAsNonRoot: v }), notBoolean, "security.runAsNonRoot"),
                fc.constant(fault({ security: { privileged: true } }, "security.privileged")),
                nested("security", (v) => ({ fsGroup: v }), fc.constantFrom<unknown>(-1, 1.5, 2147483648, "1000"), "security.fsGroup"),
                nested("security", (v) => ({ podSecurityContext: v }), notBoolean, "security.podSecurityContext"),
                field("skipAwait", notBoolean),
                field("healthyTimeoutSeconds", fc.constantFrom<unknown>(0, 3601, 1.5, "60")),
                field("singleton", notBoolean),
                helperFaults("initContainers"),
                helperFaults("sidecars"),
                dependencyFaults,
                unknownField(containerAppFields).map((key) => fault({ [key]: 1 }, key)),
            );
        case "ContainerJob":
            return fc.oneof(
                name,
                field("target", badTarget),
                field("network", fc.constantFrom<unknown>(remove, "shop", null, {}, { $ref: "config:0" })),
                field("image", fc.oneof(fc.constantFrom<unknown>("my image", ""), notString)),
                // Pulled or built, as an app's: neither is a problem at image, a bad build at its field.
                fc.constant(fault({ image: remove, build: remove }, "image")),
                ...buildFaults(),
                nested("command", (v) => [v], notString, "command[0]"),
                field("args", fc.constantFrom<unknown>("--x", {}, 5)),
                badEnvName.map((key) => fault({ env: { [key]: "x" } }, `env.${key}`)),
                notString.map((value) => fault({ env: { OK_NAME: value } }, "env.OK_NAME")),
                nested("configs", (v) => [{ config: v }], fc.constantFrom<unknown>("cfg", {}, null, { $ref: "network" }), "configs[0].config"),
                nested("volumes", (v) => [{ name: "work", mountPath: v }], fc.constantFrom<unknown>("work", "", 5), "volumes[0].mountPath"),
                nested("resources", (v) => ({ limits: { memory: v } }), badMemory, "resources.limits.memory"),
                field("timeoutSeconds", fc.constantFrom<unknown>(0, 86401, 1.5, "60", null)),
                field("retries", fc.constantFrom<unknown>(-1, 101, 1.5, "2", null)),
                field("skipAwait", notBoolean),
                badLabels(),
                nested("security", (v) => ({ runAsGroup: v }), fc.constantFrom<unknown>(-1, 1.5, "1000"), "security.runAsGroup"),
                helperFaults("initContainers"),
                dependencyFaults,
                fc.constantFrom("replicas", "ports", "healthCheck", "sidecars").map((key) => fault({ [key]: 1 }, key)),
                unknownField(containerJobFields).map((key) => fault({ [key]: 1 }, key)),
            );
    }
}

/** What is wrong with a `build`: each replaces the image, and names the field at fault. */
function buildFaults(): fc.Arbitrary<Fault>[] {
    const plain = "tests/fixtures/build/plain";
    const stages = "tests/fixtures/build/stages";
    const build = (value: unknown, expect: string) => fault({ image: remove, build: value }, expect);
    return [
        fc.constantFrom<unknown>("web", 5, [], null).map((value) => build(value, "build")),
        fc.constantFrom<unknown>("tests/fixtures/build/missing", "tests/fixtures/build/plain/Dockerfile", "", 5).map((context) => build({ context }, "build.context")),
        fc.constant(build({ dockerfile: "Dockerfile" }, "build.context")),
        fc.constantFrom<unknown>("Dockerfile.missing", "index.html/x", "..", "", 5).map((dockerfile) => build({ context: plain, dockerfile }, "build.dockerfile")),
        fc.constantFrom<unknown>("prod", "only", "-x", "", 5).map((target) => build({ context: stages, target }, "build.target")),
        fc.constant(build({ context: plain, target: "runtime" }, "build.target")),
        badEnvName.map((key) => build({ context: plain, args: { [key]: "x" } }, `build.args.${key}`)),
        notString.map((value) => build({ context: plain, args: { OK_ARG: value } }, "build.args.OK_ARG")),
        fc.constantFrom<unknown>("amd64", "linux", "Linux/AMD64", "", 5).map((platform) => build({ context: plain, platform }, "build.platform")),
        fc.constant(build({ context: plain, tag: "web:1" }, "build.tag")),
    ];
}

const containerAppFields = [
    "network", "target", "image", "build", "command", "args", "env", "configs", "ports", "healthCheck", "resources", "replicas",
    "restartPolicy", "volumes", "labels", "ingress", "publishAs", "allowFrom", "allowTo", "security", "skipAwait", "healthyTimeoutSeconds",
    "singleton", "dependsOn", "initContainers", "sidecars",
];

const containerJobFields = [
    "network", "target", "image", "build", "command", "args", "env", "configs", "volumes", "resources", "labels", "security",
    "dependsOn", "initContainers", "timeoutSeconds", "retries", "skipAwait",
];

function badLabels(): fc.Arbitrary<Fault> {
    return fc.oneof(
        fc.constantFrom("a b", "-team", "team/", "example.com/a/b", "").map((key) => fault({ labels: { [key]: "x" } }, `labels.${key}`)),
        fc.constantFrom<unknown>("a b", "x".repeat(64), "-x", 5, null).map((value) => fault({ labels: { team: value } }, "labels.team")),
    );
}

/** Rules across fields, reported together once the fields themselves are well formed. */
export function crossFieldFaults(component: "ContainerApp" | "ContainerJob" | "AppConfig" | "AutoscalingPolicy"): fc.Arbitrary<Fault> {
    const helperVolumeUnknown = fault({ volumes: [{ name: "data", mountPath: "/data" }], initContainers: [{ name: "init", image: "i:1", volumes: [{ name: "dat", mountPath: "/d" }] }] }, "initContainers[0].volumes[0].name");
    const dependencyTwice = fault({ dependsOn: [{ job: "done" }, { job: "done", condition: "completed" }] }, "dependsOn[1]");
    switch (component) {
        case "ContainerApp":
            return fc.oneof(
                port.map((p) => fault({ ports: [{ port: p }, { port: p }] }, "ports[1].port")),
                fc.constant(fault({ ports: [{ name: "http", port: 80 }, { name: "http", port: 81 }] }, "ports[1].name")),
                fc.constant(fault({ ports: [{ port: 81 }, { name: "port-81", port: 82 }] }, "ports[1].name")),
                fc.constant(fault({ ports: [{ name: "http", port: 80 }], ingress: { host: "a.example.com", port: "admin" } }, "ingress.port")),
                fc.constant(fault({ volumes: [{ name: "data", mountPath: "/a" }, { name: "data", mountPath: "/b" }] }, "volumes[1].name")),
                fc.constant(fault({ volumes: [{ name: "a", mountPath: "/data" }, { name: "b", mountPath: "/data" }] }, "volumes[1].mountPath")),
                fc.integer({ min: 2, max: 5 }).map((replicas) => fault({ replicas, singleton: true }, "replicas")),
                fc.constant(helperVolumeUnknown),
                fc.constant(fault({ initContainers: [{ name: "twin", image: "i:1" }], sidecars: [{ name: "twin", image: "s:1" }] }, "sidecars[0].name")),
                fc.constant(fault({ sidecars: [{ name: "s", image: "s:1", volumes: [{ name: "x", mountPath: "/tmp" }] }], volumes: [{ name: "x", mountPath: "/x" }] }, "sidecars[0].volumes[0].mountPath")),
                fc.constant(dependencyTwice),
                fc.constant(fault({ volumes: [{ name: "data", mountPath: "/data" }], configs: [{ config: { $ref: "config:0" }, mountPath: "/data" }] }, "configs[0].mountPath")),
                fc.constant(fault({ volumes: [{ name: "scratch", mountPath: "/tmp" }], security: { readOnlyRootFilesystem: true } }, "volumes[0].mountPath")),
                fc.constant(fault({ configs: [{ config: { $ref: "config:0" }, mountPath: "/tmp" }], security: remove }, "configs[0].mountPath")),
                fc.constant(fault({ configs: [{ config: { $ref: "config:0" }, mountPath: "/etc/a" }, { config: { $ref: "config:0" }, mountPath: "/etc/a" }] }, "configs[1].mountPath")),
                fc.constant(fault({ volumes: [{ name: "etc", mountPath: "/etc" }], configs: [{ config: { $ref: "config:0" }, mountPath: "/etc/web" }] }, "configs[0].mountPath")),
                fc.constant(fault({ configs: [{ config: { $ref: "config:0" }, mountPath: "/tmp/web" }], security: remove }, "configs[0].mountPath")),
                fc.constantFrom("tcp", "udp").map((protocol) => fault({ ports: [{ port: 1, publish: 9000, protocol }, { port: 2, publish: 9000, protocol }] }, "ports[1].publish")),
                fc.constant(fault({ image: "web:1", build: { context: "tests/fixtures/build/plain" } }, "build")),
                fc.constant(fault({ sidecars: [{ name: "s" }] }, "sidecars[0].image")),
                fc.constant(fault({ initContainers: [{ name: "i", image: "i:1", build: { context: "tests/fixtures/build/plain" } }] }, "initContainers[0].build")),
                fc.constantFrom("LoadBalancer", "NodePort").map((publishAs) => fault({ publishAs, ports: [{ port: 80 }] }, "publishAs")),
                fc.integer({ min: 61, max: 3600 }).map((startupSeconds) => fault({ healthCheck: { tcp: { port: 80 }, startupSeconds }, healthyTimeoutSeconds: remove }, "healthCheck.startupSeconds")),
            );
        case "ContainerJob":
            return fc.oneof(
                fc.constant(fault({ volumes: [{ name: "data", mountPath: "/data", persistent: true }] }, "volumes[0].persistent")),
                fc.constant(fault({ volumes: [{ name: "a", mountPath: "/data" }, { name: "b", mountPath: "/data" }] }, "volumes[1].mountPath")),
                fc.constant(helperVolumeUnknown),
                fc.constant(dependencyTwice),
                fc.constant(fault({ configs: [{ config: { $ref: "config:0" }, mountPath: "/tmp" }], security: remove }, "configs[0].mountPath")),
                fc.constant(fault({ image: "seed:1", build: { context: "tests/fixtures/build/plain" } }, "build")),
                fc.constant(fault({ initContainers: [{ name: "i" }] }, "initContainers[0].image")),
            );
        case "AppConfig":
            return fc.oneof(
                fc.constantFrom("A", "LOG_LEVEL").map((key) => fault({ files: { [key]: "1" }, values: { [key]: "2" }, secrets: remove }, `files.${key}`)),
                fc.constantFrom("A", "LOG_LEVEL").map((key) => fault({ files: { [key]: "1" }, values: remove, secrets: { [key]: "2" } }, `files.${key}`)),
                fc.constant(fault({ values: { A: "1" }, secrets: { A: "2" } }, "secrets.A")),
            );
        case "AutoscalingPolicy":
            return fc.oneof(
                fc.integer({ min: 2, max: 10 }).map((min) => fault({ minReplicas: min, maxReplicas: min - 1, minAvailable: remove }, "minReplicas")),
                fc.constant(fault({ cpuUtilization: remove, memoryUtilization: remove }, "must set cpuUtilization or memoryUtilization")),
                fc.constant(fault({ app: { $ref: "app:bare" }, cpuUtilization: 50, memoryUtilization: remove }, "cpuUtilization")),
                fc.constant(fault({ app: { $ref: "app:bare" }, memoryUtilization: 50, cpuUtilization: remove }, "memoryUtilization")),
                fc.integer({ min: 0, max: 3 }).map((extra) => fault({ minReplicas: 1, maxReplicas: 4, minAvailable: 1 + extra }, "minAvailable")),
            );
    }
}

/** Rules checked after the schema, against the program (targets, networks, other apps and policies). */
export function lateFaults(component: "ContainerApp" | "ContainerJob" | "AppConfig" | "AutoscalingPolicy", target: Target): fc.Arbitrary<Fault> {
    const otherTarget = target === "docker" ? "kubernetes" : "docker";
    switch (component) {
        case "ContainerApp":
            return fc.oneof(
                fc.constant(fault({ target: otherTarget }, "target")),
                // The fixture's app "pub" publishes: its LoadBalancer Service is "pub-public".
                fc.constant(fault({ $name: "pub-public", ports: [{ port: 80 }], ingress: remove }, "name")),
                fc.integer({ min: 57, max: 63 }).map((length) =>
                    fault({ $name: "p".repeat(length), replicas: 1, ports: [{ port: 80, publish: 18081 }], ingress: remove, publishAs: remove, volumes: remove }, "name"),
                ),
                fc.constant(fault({ configs: [{ config: { $ref: "config:foreign" } }] }, "configs[0].config")),
                // Apps and jobs of a network are named apart: the fixture has a job "done".
                fc.constant(fault({ $name: "done" }, "name")),
                // An internal network has no outside destination to allow.
                fc.constant(fault({ network: { $ref: "network:internal" }, configs: remove, allowTo: [{ cidr: "203.0.113.0/24", port: 443 }] }, "allowTo[0].cidr")),
                ...(target === "kubernetes"
                    ? [
                          // The fixture's network "net" creates its namespace, which enforces the Pod Security level "restricted".
                          fc.constantFrom<[string, unknown]>(["runAsNonRoot", false], ["allowPrivilegeEscalation", true], ["dropAllCapabilities", false]).map(([key, value]) =>
                              fault({ security: { [key]: value } }, `security.${key}`),
                          ),
                      ]
                    : []),
                ...(target === "docker"
                    ? [
                          fc.integer({ min: 2, max: 4 }).map((replicas) => fault({ replicas, ports: [{ port: 80, publish: 18080 }], ingress: remove, volumes: remove }, "ports[0].publish")),
                          fc.constant(fault({ replicas: 1, ports: [{ port: 80 }, { port: 81, publish: 8080 }], ingress: remove }, "ports[1].publish")),
                      ]
                    : [
                          // The fault programs' stack names no registry to push a built image to.
                          fc.constant(fault({ image: remove, build: { context: "tests/fixtures/build/plain" } }, "build")),
                      ]),
            );
        case "ContainerJob":
            return fc.oneof(
                fc.constant(fault({ target: otherTarget }, "target")),
                fc.constant(fault({ $name: "pub" }, "name")),
                fc.integer({ min: 53, max: 56 }).map((length) => fault({ $name: "j".repeat(length) }, "name")),
                fc.constant(fault({ configs: [{ config: { $ref: "config:foreign" } }] }, "configs[0].config")),
                fc.constant(fault({ initContainers: [{ name: "i", image: "i:1", configs: [{ config: { $ref: "config:foreign" } }] }] }, "initContainers[0].configs[0].config")),
            );
        case "AppConfig":
            return fc.oneof(
                fc.constant(fault({ target: otherTarget }, "target")),
                // The fixture's app "free" has an env value that may be secret: its Secret is "free-env".
                fc.constant(fault({ $name: "free-env", secrets: { A: "1" } }, "name")),
            );
        case "AutoscalingPolicy":
            return fc.oneof(
                fc.constant(fault({ target: otherTarget }, "target")),
                fc.constant(fault({ app: { $ref: "app:scaled" }, cpuUtilization: 50, memoryUtilization: remove }, "app")),
                ...(target === "docker" ? [fc.integer({ min: 2, max: 4 }).map((min) => fault({ app: { $ref: "app:pub" }, minReplicas: min, maxReplicas: 5, minAvailable: remove }, "minReplicas"))] : []),
            );
    }
}

/** Applies faults to args (and the component's name). */
export function withFaults(spec: ComponentSpec, faults: Fault[]): ComponentSpec {
    let name = spec.name;
    const args: Args = { ...spec.args };
    for (const f of faults) {
        for (const [key, value] of Object.entries(f.sets)) {
            if (key === "$name") {
                name = value as string;
            } else if (typeof value === "object" && value !== null && "$delete" in value) {
                delete args[key];
            } else {
                args[key] = value;
            }
        }
    }
    return { name, args };
}

/** Up to `max` faults that touch different fields. */
export function distinctFaults(arb: fc.Arbitrary<Fault>, max: number): fc.Arbitrary<Fault[]> {
    return fc
        .array(arb, { minLength: 1, maxLength: max })
        .map((faults) => {
            const seen = new Set<string>();
            return faults.filter((f) => {
                const keys = Object.keys(f.sets);
                if (keys.some((key) => seen.has(key))) return false;
                keys.forEach((key) => seen.add(key));
                return true;
            });
        });
}

// ---------------------------------------------------------------- junk

/** Anything a caller from JavaScript, YAML or another language could pass. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom<unknown>(null, undefined) },
    fc.constantFrom<unknown>(true, false, 0, -1, 1.5, NaN, Infinity, -0, "", "x", [], {}, "__proto__"),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 12 }),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "constructor", "toString", "port", "name")), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
    fc.constantFrom<unknown>({ $ref: "network" }, { $ref: "app:free" }, { $ref: "config:0" }, { $secret: "junk" }, { $output: "junk" }, { $promise: "junk" }),
);

/** Every path into a plain value, markers counted as leaves. */
export function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
    const out: Array<Array<string | number>> = [prefix];
    if (Array.isArray(value)) {
        value.forEach((item, index) => out.push(...pathsOf(item, [...prefix, index])));
    } else if (typeof value === "object" && value !== null && !Object.keys(value).some((k) => k.startsWith("$"))) {
        for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...prefix, key]));
    }
    return out;
}

/** A copy of `value` with `replacement` at `path` (an empty path replaces the whole). */
export function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
    if (path.length === 0) return replacement;
    const [head, ...rest] = path;
    if (Array.isArray(value)) {
        const copy = [...value];
        copy[head as number] = replaceAt(copy[head as number], rest, replacement);
        return copy;
    }
    const record = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
    const entries = Object.entries(record).map(([k, v]) => [k, k === head ? replaceAt(v, rest, replacement) : v] as const);
    if (!(String(head) in record)) entries.push([String(head), replaceAt(undefined, rest, replacement)]);
    return Object.fromEntries(entries);
}

/** Args with junk swapped in at 1-3 random places (anywhere), or junk for the whole args. */
export function mutated(base: fc.Arbitrary<Args>): fc.Arbitrary<unknown> {
    const edited = fc
        .tuple(base, fc.array(fc.tuple(fc.nat(), junk, fc.oneof(fc.constant<string | undefined>(undefined), fc.string({ maxLength: 8 }))), { minLength: 1, maxLength: 3 }))
        .map(([args, edits]) => {
            let out: unknown = args;
            for (const [pick, value, extraKey] of edits) {
                const paths = pathsOf(out);
                const path = paths[pick % paths.length];
                out = replaceAt(out, extraKey === undefined ? path : [...path, extraKey], value);
            }
            return out;
        });
    return fc.oneof({ weight: 9, arbitrary: edited }, { weight: 1, arbitrary: junk });
}
