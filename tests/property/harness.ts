import * as assert from "assert";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../../components";
import { BerthValidationError, BerthValidationErrors } from "../../components/validation/errors";
import { isSecretMarker, ProgramRun, resolveOutput, ResourceGraph, runProgram } from "../../components/testing";
import { Args, Fault, fixtureRegistry, hasPublicService, SystemSpec, Target } from "./arbitraries";

// ---------------------------------------------------------------- settings

const defaultSeed = 20250611;

/** The seed of every property: FC_SEED, else a fixed default, so a CI run is reproducible. */
export const seed = process.env.FC_SEED !== undefined && process.env.FC_SEED !== "" ? Number(process.env.FC_SEED) : defaultSeed;
if (!Number.isInteger(seed)) {
    throw new Error(`FC_SEED must be an integer (got "${process.env.FC_SEED}")`);
}

/** FC_SCALE multiplies every property's number of runs (default 1; e.g. 10 for a long local soak). */
const scale = process.env.FC_SCALE !== undefined ? Number(process.env.FC_SCALE) : 1;

/** A property (its runs and the shrinking of a failure) that takes longer than this fails. */
const timeLimitMs = 5 * 60 * 1000;

/** fast-check parameters: the seed, the runs, and a report that says how to replay a failure. */
export function params<T>(numRuns: number): fc.Parameters<T> {
    return { seed, numRuns: Math.max(1, Math.round(numRuns * scale)), interruptAfterTimeLimit: timeLimitMs * scale, markInterruptAsFailure: true };
}

/** Runs a property; on failure the error carries fast-check's report (seed, path, shrunk counterexample). */
export async function check<T>(property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
    const details = await fc.check(property, params<T>(numRuns));
    if (details.failed) {
        const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`${fc.defaultReportMessage(details)}\nReplay: FC_SEED=${seed} (fast-check path ${details.counterexamplePath})\nError: ${cause}`);
    }
}

/**
 * Pulumi's runtime records `new Error().stack` for every promise it makes,
 * which is most of a mocked program run's time; the property suites turn stack
 * traces off while they run (set FC_STACK_TRACES=1 to keep them for debugging).
 */
function withoutStackTraces(): void {
    let saved = Error.stackTraceLimit;
    before(() => {
        saved = Error.stackTraceLimit;
        if (!process.env.FC_STACK_TRACES) Error.stackTraceLimit = 0;
    });
    after(() => {
        Error.stackTraceLimit = saved;
    });
}

/**
 * A property suite: a long timeout, no stack traces while it runs, one
 * describe per target, and a summary line (cases, time, seed) at the end.
 */
export function propertySuite(title: string, body: (target: Target, count: CaseCount) => void): void {
    describe(`Property: ${title}`, function () {
        this.timeout(10 * 60 * 1000);
        const count = new CaseCount();
        withoutStackTraces();
        after(() => console.log(count.summary(title)));
        for (const target of ["docker", "kubernetes"] as Target[]) {
            describe(`on ${target}`, () => body(target, count));
        }
    });
}

/** The number of components of a generated system. */
export function componentCount(spec: SystemSpec): number {
    return 1 + spec.configs.length + spec.apps.length + spec.jobs.length + spec.policies.filter((p) => !p.inline).length;
}

/** Generated component specs, counted per suite for the run summary. */
export class CaseCount {
    private counts = new Map<string, number>();
    private started = Date.now();

    add(kind: string, count = 1): void {
        this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
    }

    summary(suite: string): string {
        const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
        const parts = [...this.counts.entries()].map(([kind, count]) => `${kind} ${count}`).join(", ");
        return `      ${suite}: ${total} generated component specs (${parts}) in ${((Date.now() - this.started) / 1000).toFixed(1)}s, FC_SEED=${seed}`;
    }
}

// ---------------------------------------------------------------- building programs from plain specs

/** A case that fails in the harness itself rather than in berth. */
class HarnessError extends Error {}

/** Turns the plain markers of a generated spec into Pulumi values and components, keeping key order. */
export function resolve(value: unknown, refs: Map<string, unknown>): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => resolve(item, refs));
    }
    if (typeof value === "object" && value !== null) {
        const keys = Object.keys(value);
        const marker = keys.length === 1 ? keys[0] : undefined;
        const payload = marker ? (value as Record<string, unknown>)[marker] : undefined;
        switch (marker) {
            case "$secret":
                return pulumi.secret(payload as string);
            case "$derived":
                return pulumi.interpolate`${pulumi.secret(payload as string)}`;
            case "$output":
                return pulumi.output(payload as string);
            case "$promise":
                return Promise.resolve(payload as string);
            case "$ref":
                if (!refs.has(payload as string)) {
                    throw new HarnessError(`no component ${String(payload)} in this program`);
                }
                return refs.get(payload as string);
        }
        return Object.fromEntries(keys.map((key) => [key, resolve((value as Record<string, unknown>)[key], refs)]));
    }
    return value;
}

export interface BuiltSystem {
    network: berth.AppNetwork;
    configs: berth.AppConfig[];
    apps: berth.ContainerApp[];
    jobs: berth.ContainerJob[];
    policies: berth.AutoscalingPolicy[];
}

/** Declares a generated system, in the order a user writes it. */
export function buildSystem(spec: SystemSpec): BuiltSystem {
    const refs = new Map<string, unknown>();
    const network = new berth.AppNetwork(spec.network.name, resolve(spec.network.args, refs) as berth.AppNetworkArgs);
    refs.set("network", network);
    const configs = spec.configs.map((c, index) => {
        const config = new berth.AppConfig(c.name, resolve(c.args, refs) as berth.AppConfigArgs);
        refs.set(`config:${index}`, config);
        return config;
    });
    const apps = spec.apps.map((a, index) => {
        const app = new berth.ContainerApp(a.name, resolve(withOwnScaling(spec, index), refs) as berth.ContainerAppArgs);
        refs.set(`app:${index}`, app);
        return app;
    });
    const jobs = spec.jobs.map((j, index) => {
        const job = new berth.ContainerJob(j.name, resolve(j.args, refs) as berth.ContainerJobArgs);
        refs.set(`job:${index}`, job);
        return job;
    });
    const policies = spec.policies.filter((p) => !p.inline).map((p) => new berth.AutoscalingPolicy(p.name, resolve(p.args, refs) as berth.AutoscalingPolicyArgs));
    return { network, configs, apps, jobs, policies };
}

/** App `index`'s args, with its policy's args as its own `autoscaling` when the policy is inline (which then sets the count alone). */
function withOwnScaling(spec: SystemSpec, index: number): Args {
    const app = spec.apps[index].args;
    const policy = spec.policies.find((p) => p.inline && (p.args.app as { $ref: string }).$ref === `app:${index}`);
    if (!policy) {
        return app;
    }
    const { app: _app, target: _target, ...scaling } = policy.args;
    return { ...app, replicas: undefined, autoscaling: scaling };
}

export function runSystem(spec: SystemSpec): Promise<ProgramRun<BuiltSystem>> {
    return runProgram(() => buildSystem(spec), { config: spec.stack });
}

export function targetOf(spec: SystemSpec): Target {
    return spec.stack["berth:target"] as Target;
}

// ---------------------------------------------------------------- the programs invalid cases run in

export type ComponentType = "AppNetwork" | "AppConfig" | "ContainerApp" | "ContainerJob" | "AutoscalingPolicy";

/** Component names of the fixture; generated cases use other names. */
export const fixtureNames = ["net", "other", "inside", "cfg", "foreign", "pub", "free", "bare", "scaled", "done"];

/** The fixture's apps and jobs on network "net", which allowFrom and dependsOn of a case may name. */
export const fixtureWorkloads = { apps: ["pub", "free", "bare", "scaled"], jobs: ["done"] };

/**
 * What invalid and junk cases refer to: a network and a config of their own, an internal network,
 * a foreign network's config, an app publishing host port 8080, apps with and
 * without requests (one with env that may be secret), and an app that already
 * has a policy.
 */
export function fixture(): Map<string, unknown> {
    const net = new berth.AppNetwork("net", {});
    const other = new berth.AppNetwork("other", {});
    const internal = new berth.AppNetwork("inside", { internal: true });
    const cfg = new berth.AppConfig("cfg", { network: net, files: { "app.yaml": "a: 1\n" }, values: { LOG_LEVEL: "info" } });
    const foreign = new berth.AppConfig("foreign", { network: other, values: { A: "1" } });
    const requests = { requests: { cpu: "100m", memory: "64Mi" } };
    const pub = new berth.ContainerApp("pub", { network: net, image: "pub:1", ports: [{ name: "http", port: 8080, publish: 8080 }], resources: requests });
    const free = new berth.ContainerApp("free", { network: net, image: "free:1", resources: requests, env: { TOKEN: Promise.resolve("t") } });
    const bare = new berth.ContainerApp("bare", { network: net, image: "bare:1" });
    const scaled = new berth.ContainerApp("scaled", { network: net, image: "scaled:1", resources: { requests: { cpu: "100m" } } });
    new berth.AutoscalingPolicy("scaled", { app: scaled, minReplicas: 1, maxReplicas: 3, cpuUtilization: 50 });
    const done = new berth.ContainerJob("done", { network: net, image: "done:1" });
    return new Map<string, unknown>([
        ["job:done", done],
        ["network", net],
        ["network:other", other],
        ["network:internal", internal],
        ["config:0", cfg],
        ["config:foreign", foreign],
        ["app:pub", pub],
        ["app:free", free],
        ["app:bare", bare],
        ["app:scaled", scaled],
    ]);
}

/** Constructs one component of the given type from plain (possibly junk) args. */
export function construct(type: ComponentType, name: string, args: unknown, refs: Map<string, unknown>): unknown {
    const resolved = resolve(args, refs) as never;
    switch (type) {
        case "AppNetwork":
            return new berth.AppNetwork(name, resolved);
        case "AppConfig":
            return new berth.AppConfig(name, resolved);
        case "ContainerApp":
            return new berth.ContainerApp(name, resolved);
        case "ContainerJob":
            return new berth.ContainerJob(name, resolved);
        case "AutoscalingPolicy":
            return new berth.AutoscalingPolicy(name, resolved);
    }
}

/** What constructing a case did: the error it threw, or nothing. */
export type Outcome = { threw: false } | { threw: true; error: unknown };

/**
 * Runs the fixture, then every case; returns each case's outcome and the
 * graph, and the problems found once every app and job was declared (names
 * in allowFrom and dependsOn), which fail the whole program run: then there
 * is no graph, and no case renders.
 */
export async function runCases<C>(
    target: Target,
    cases: C[],
    declare: (c: C, refs: Map<string, unknown>) => unknown,
): Promise<{ outcomes: Outcome[]; graph: ResourceGraph; deferred: BerthValidationError[] }> {
    let outcomes: Outcome[] = [];
    try {
        const { graph } = await runProgram(() => {
            const refs = fixture();
            outcomes = cases.map((c): Outcome => {
                try {
                    declare(c, refs);
                    return { threw: false };
                } catch (error) {
                    if (error instanceof HarnessError) throw error;
                    return { threw: true, error };
                }
            });
        }, { config: { "berth:target": target } });
        return { outcomes, graph, deferred: [] };
    } catch (error) {
        if (error instanceof BerthValidationErrors) return { outcomes, graph: new ResourceGraph([]), deferred: error.errors };
        if (error instanceof BerthValidationError) return { outcomes, graph: new ResourceGraph([]), deferred: [error] };
        throw error;
    }
}

const baselines = new Map<Target, Map<string, number>>();

/** What the fixture alone registers on a target, as counts of type::name. */
export async function fixtureBaseline(target: Target): Promise<Map<string, number>> {
    if (!baselines.has(target)) {
        const { graph } = await runCases(target, [], () => undefined);
        baselines.set(target, countResources(graph));
    }
    return baselines.get(target)!;
}

export function countResources(graph: ResourceGraph): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of graph.resources) {
        const key = `${r.type}::${r.name}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
}

/** Resources a run registered beyond the fixture's. */
export function beyondBaseline(graph: ResourceGraph, baseline: Map<string, number>): string[] {
    const extra: string[] = [];
    for (const [key, count] of countResources(graph)) {
        for (let i = baseline.get(key) ?? 0; i < count; i++) extra.push(key);
    }
    return extra;
}

// ---------------------------------------------------------------- what a failure must look like

const crashTypes = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/**
 * The problems of a validation failure. Fails the case when the error is a
 * crash (TypeError and kin, a ZodError, a non-Error) or is not the one error
 * berth promises: a BerthValidationError naming the component, with every
 * problem in its message.
 */
export function problemsOf(error: unknown, type: ComponentType, name: string): string[] {
    if (!(error instanceof Error)) {
        throw new Error(`threw a non-Error: ${String(error)}`);
    }
    if (crashTypes.some((crash) => error instanceof crash)) {
        throw new Error(`crashed with ${error.name}: ${error.message}\n${error.stack}`);
    }
    if (!(error instanceof BerthValidationError)) {
        throw new Error(`threw a ${error.constructor.name}, not berth's BerthValidationError: ${error.message}`);
    }
    assert.strictEqual(error.componentType, type, `error names ${error.componentType}, not ${type}: ${error.message}`);
    assert.strictEqual(error.componentName, name, `error names "${error.componentName}", not "${name}": ${error.message}`);
    assert.ok(error.problems.length > 0, `no problems listed: ${error.message}`);
    assert.strictEqual(error.message, `${type} "${name}": ` + error.problems.join("; "));
    return error.problems;
}

/** Whether a problem line is about `expected` (a path, or a rule's own words). */
export function mentions(problem: string, expected: string): boolean {
    return problem === expected || [" ", ".", "[", ":"].some((next) => problem.startsWith(expected + next));
}

/** Every injected fault is reported, each with its path. */
export function expectFaultsReported(error: unknown, type: ComponentType, name: string, faults: Fault[]): void {
    const problems = problemsOf(error, type, name);
    for (const f of faults) {
        assert.ok(
            problems.some((p) => mentions(p, f.expect)),
            `${type} "${name}": expected a problem at "${f.expect}", got: ${problems.join(" | ")}`,
        );
    }
}

// ---------------------------------------------------------------- what a valid run must produce

const k8sKind = (type: string) => /^kubernetes:[^:]+:(\w+)$/.exec(type)?.[1];

function input(graph: ResourceGraph, type: string, name: string): Record<string, any> {
    return graph.inputs(type, name);
}

function has(graph: ResourceGraph, type: string, name: string): boolean {
    return graph.resources.some((r) => r.type === type && r.name === name);
}

function isSecretInput(value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    const keys = Object.keys(value);
    return keys.length === 1 && (keys[0] === "$secret" || keys[0] === "$derived");
}

/** The documented children of each component of a valid system, and outputs that resolve and tell the truth. */
export async function expectProduced(spec: SystemSpec, run: ProgramRun<BuiltSystem>): Promise<void> {
    const { graph, result } = run;
    const target = targetOf(spec);
    const fail = (message: string) => assert.fail(`${message}\nregistered: ${graph.resources.map((r) => `${r.type}::${r.name}`).join(", ")}`);

    const net = spec.network;
    if (!has(graph, "berth:index:AppNetwork", net.name)) fail(`AppNetwork "${net.name}" not registered`);
    const namespace = (net.args.namespace as string | undefined) ?? net.name;
    if (target === "docker") {
        if (!has(graph, "docker:index/network:Network", net.name)) fail(`no Docker network for "${net.name}"`);
    } else {
        if ((net.args.createNamespace ?? true) !== has(graph, "kubernetes:core/v1:Namespace", namespace)) fail(`Namespace "${namespace}" created: ${!(net.args.createNamespace ?? true)}`);
        if ((net.args.defaultDenyIngress ?? true) !== has(graph, "kubernetes:networking.k8s.io/v1:NetworkPolicy", `${namespace}-default-deny`)) fail("default-deny policy wrong");
        const deniesEgress = (net.args.defaultDenyEgress ?? false) === true;
        if (deniesEgress !== has(graph, "kubernetes:networking.k8s.io/v1:NetworkPolicy", `${namespace}-default-deny-egress`)) fail("default-deny egress policy wrong");
        // Under a default egress deny the apps' own policies say where they may go; the internal policy would open the namespace.
        if ((net.args.internal === true && !deniesEgress) !== has(graph, "kubernetes:networking.k8s.io/v1:NetworkPolicy", `${namespace}-internal`)) fail("internal policy wrong");
        if ((net.args.createNamespace ?? true) === true) {
            const labels = input(graph, "kubernetes:core/v1:Namespace", namespace).metadata.labels as Record<string, string>;
            if (labels["pod-security.kubernetes.io/enforce"] !== ((net.args.podSecurity as string | undefined) ?? "restricted")) fail("Pod Security level wrong");
        }
    }

    for (const c of spec.configs) {
        if (!has(graph, "berth:index:AppConfig", c.name)) fail(`AppConfig "${c.name}" not registered`);
        if (target === "kubernetes") {
            const contents = [...Object.values((c.args.files ?? {}) as Args), ...Object.values((c.args.values ?? {}) as Args)];
            const plain = contents.some((v) => !isSecretInput(v));
            const secret = contents.some(isSecretInput) || Object.keys((c.args.secrets ?? {}) as Args).length > 0;
            if (plain !== has(graph, "kubernetes:core/v1:ConfigMap", c.name)) fail(`ConfigMap for "${c.name}": expected ${plain}`);
            if (secret !== has(graph, "kubernetes:core/v1:Secret", `${c.name}-secret`)) fail(`Secret for "${c.name}": expected ${secret}`);
        }
    }

    spec.apps.forEach((a, index) => {
        if (!has(graph, "berth:index:ContainerApp", a.name)) fail(`ContainerApp "${a.name}" not registered`);
        const policy = spec.policies.find((p) => (p.args.app as { $ref: string }).$ref === `app:${index}`);
        const built = a.args.build !== undefined;
        if (built && input(graph, "docker:index/remoteImage:RemoteImage", `${a.name}-image`).build?.context !== (a.args.build as Args).context) {
            fail(`"${a.name}" is not built from its context`);
        }
        if (target === "kubernetes") {
            // An app that keeps data is a StatefulSet, any other a Deployment.
            const stateful = ((a.args.volumes ?? []) as Args[]).some((v) => v.persistent === true);
            const kind = stateful ? "kubernetes:apps/v1:StatefulSet" : "kubernetes:apps/v1:Deployment";
            const other = stateful ? "kubernetes:apps/v1:Deployment" : "kubernetes:apps/v1:StatefulSet";
            if (!has(graph, kind, a.name) || has(graph, other, a.name)) fail(`no ${kind} (or also a ${other}) for "${a.name}"`);
            const workload = input(graph, kind, a.name);
            assert.strictEqual(workload.spec.replicas, policy ? undefined : ((a.args.replicas as number | undefined) ?? 1), `${kind} "${a.name}" replicas`);
            if (stateful && !has(graph, "kubernetes:core/v1:Service", `${a.name}-headless`)) fail(`no headless Service for "${a.name}"`);
            // A built image is pushed, and run by the digest the registry reports.
            if (built !== has(graph, "docker:index/registryImage:RegistryImage", `${a.name}-push`)) fail(`"${a.name}" pushed: expected ${built}`);
            const image = workload.spec.template.spec.containers[0].image as string;
            if (built && !image.startsWith(`${fixtureRegistry}/${namespace}/${a.name}@sha256:`)) fail(`"${a.name}" runs ${image}, not its pushed digest`);
            // Another app may be named "<app>-public": its own Service has that name.
            const publicNameTaken = spec.apps.some((other) => other.name === `${a.name}-public`);
            if (!publicNameTaken && hasPublicService(a.args) !== has(graph, "kubernetes:core/v1:Service", `${a.name}-public`)) fail(`public Service for "${a.name}": expected ${hasPublicService(a.args)}`);
            const allowsTo = ((a.args.allowTo ?? []) as Args[]).length > 0;
            if (allowsTo !== has(graph, "kubernetes:networking.k8s.io/v1:NetworkPolicy", `${a.name}-allow-egress`)) fail(`egress policy for "${a.name}": expected ${allowsTo}`);
        } else {
            if (!has(graph, "docker:index/remoteImage:RemoteImage", `${a.name}-image`)) fail(`no image for "${a.name}"`);
            const replicas = policy ? (policy.args.minReplicas as number) : ((a.args.replicas as number | undefined) ?? 1);
            const prefix = `${net.name}-${a.name}-`;
            const containers = graph.ofType("docker:index/container:Container").filter((r) => (r.inputs.name as string).startsWith(prefix) && /^\d+$/.test((r.inputs.name as string).slice(prefix.length)));
            assert.strictEqual(containers.length, replicas, `containers of "${a.name}"`);
            // Under the default deny, an app that lets others in on its ports answers on a network of its own.
            const answersOnItsOwn = (net.args.defaultDenyIngress ?? true) === true && ((a.args.allowFrom ?? []) as string[]).length > 0 && ((a.args.ports ?? []) as Args[]).length > 0;
            // The AppNetwork may itself be named "<app>-allow": its Docker network is named after it, not "<network>-to-<app>".
            const allowNetworks = graph.ofType("docker:index/network:Network").filter((r) => r.name === `${a.name}-allow` && r.inputs.name !== net.name);
            if (answersOnItsOwn !== (allowNetworks.length === 1)) fail(`allow network of "${a.name}": expected ${answersOnItsOwn}`);
            if (answersOnItsOwn && allowNetworks[0].inputs.name !== `${net.name}-to-${a.name}`) fail(`allow network of "${a.name}" misnamed`);
        }
    });

    for (const j of spec.jobs) {
        if (!has(graph, "berth:index:ContainerJob", j.name)) fail(`ContainerJob "${j.name}" not registered`);
        const built = j.args.build !== undefined;
        if (built && input(graph, "docker:index/remoteImage:RemoteImage", `${j.name}-image`).build?.context !== (j.args.build as Args).context) {
            fail(`job "${j.name}" is not built from its context`);
        }
        if (target === "kubernetes") {
            if (!has(graph, "kubernetes:batch/v1:Job", j.name)) fail(`no Job for "${j.name}"`);
            const job = input(graph, "kubernetes:batch/v1:Job", j.name);
            assert.match(job.metadata.name, new RegExp(`^${j.name}-[0-9a-f]{10}$`), `Job "${j.name}" name`);
            // A built image is pushed, and the Job runs the digest the registry reports.
            if (built !== has(graph, "docker:index/registryImage:RegistryImage", `${j.name}-push`)) fail(`job "${j.name}" pushed: expected ${built}`);
            const image = job.spec.template.spec.containers[0].image as string;
            if (built && !image.startsWith(`${fixtureRegistry}/${namespace}/${j.name}@sha256:`)) fail(`job "${j.name}" runs ${image}, not its pushed digest`);
        } else if (!graph.ofType("docker:index/container:Container").some((r) => r.inputs.name === `${net.name}-${j.name}-job`)) {
            fail(`no container for job "${j.name}"`);
        }
    }

    for (const p of spec.policies) {
        // An app's own autoscaling names its objects after the app, and registers no policy.
        const appName = spec.apps[Number((p.args.app as { $ref: string }).$ref.slice("app:".length))].name;
        const owner = p.inline ? appName : p.name;
        if (p.inline === has(graph, "berth:index:AutoscalingPolicy", p.name)) fail(`AutoscalingPolicy "${p.name}" registered: expected ${!p.inline}`);
        if (target === "kubernetes") {
            if (!has(graph, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", owner)) fail(`no HPA for "${owner}"`);
            if ((p.args.minAvailable !== undefined) !== has(graph, "kubernetes:policy/v1:PodDisruptionBudget", owner)) fail(`PDB for "${owner}"`);
        }
    }

    // Outputs resolve, and the names an app reports are objects it created.
    for (const app of [...result.apps, ...result.jobs]) {
        const names = (await resolveOutput(app.resourceNames)).value;
        if (app instanceof berth.ContainerApp) {
            await resolveOutput(app.url);
            await resolveOutput(app.address);
        }
        for (const name of names) {
            const [kind, objectName] = name.includes("/") ? name.split("/") : [undefined, name];
            const found = graph.resources.some((r) =>
                kind ? k8sKind(r.type) === kind && (r.inputs.metadata as { name?: string } | undefined)?.name === objectName : r.type.startsWith("docker:") && r.inputs.name === objectName,
            );
            if (!found) fail(`resourceNames lists ${name}, which was not created`);
        }
    }
    for (const config of result.configs) {
        await resolveOutput(config.hash);
        await resolveOutput(config.configMapName);
        await resolveOutput(config.secretName);
    }
    await resolveOutput(result.network.networkName);
    for (const policy of result.policies) await resolveOutput(policy.resourceNames);
}

// ---------------------------------------------------------------- what the engine and API server would refuse

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const configKey = /^[-._a-zA-Z0-9]+$/;
const ianaServiceName = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function duplicates(values: string[]): string[] {
    return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/**
 * Problems a real `up` would hit that Pulumi's mocks do not: two resources with
 * one type and name (one URN), two objects with one name where the engine or
 * the API server keeps names unique, and object names, keys and pod specs the
 * Kubernetes API server rejects. Each line names the resource.
 */
export function deployProblems(graph: ResourceGraph): string[] {
    const problems: string[] = [];
    problems.push(...duplicates(graph.resources.map((r) => `${r.type}::${r.name}`)).map((key) => `two resources ${key}`));

    const objects: string[] = [];
    for (const r of graph.resources) {
        const inputs = graph.inputs(r.type, r.name);
        const where = `${r.type}::${r.name}`;
        const kind = k8sKind(r.type);
        if (r.type.startsWith("docker:index/") && typeof inputs.name === "string" && !r.type.endsWith("RemoteImage")) {
            objects.push(`${r.type} ${inputs.name}`);
        }
        if (!kind) continue;
        const meta = inputs.metadata ?? {};
        objects.push(`${kind} ${meta.namespace ?? ""}/${meta.name}`);
        const nameRule = kind === "Service" ? [dns1035Label, 63] : kind === "Namespace" ? [dns1123Label, 63] : [dns1123Subdomain, 253];
        if (!(nameRule[0] as RegExp).test(meta.name) || meta.name.length > (nameRule[1] as number)) problems.push(`${where}: ${kind} name "${meta.name}" is not valid`);
        for (const [key, value] of Object.entries({ ...(meta.labels ?? {}), ...(inputs.spec?.template?.metadata?.labels ?? {}) })) {
            if (typeof value !== "string" || value.length > 63 || !labelValue.test(value)) problems.push(`${where}: label ${key}=${String(value)} is not valid`);
        }
        if (kind === "ConfigMap" || kind === "Secret") {
            for (const key of Object.keys(inputs.data ?? inputs.stringData ?? {})) {
                if (!configKey.test(key) || key === "." || key === ".." || key.startsWith("..") || key.length > 253) problems.push(`${where}: key "${key}" is not valid`);
            }
        }
        if (kind === "Service") {
            const ports = (inputs.spec.ports ?? []) as Array<{ name?: string; port: number; protocol: string }>;
            for (const dup of duplicates(ports.map((p) => `${p.port}/${p.protocol}`))) problems.push(`${where}: port ${dup} twice`);
            for (const dup of duplicates(ports.map((p) => p.name ?? ""))) problems.push(`${where}: port name "${dup}" twice`);
        }
        if (kind === "Deployment" || kind === "StatefulSet" || kind === "Job") {
            const template = inputs.spec.template;
            if (kind !== "Job") {
                const selector = inputs.spec.selector.matchLabels as Record<string, string>;
                for (const [key, value] of Object.entries(selector)) {
                    if (template.metadata.labels?.[key] !== value) problems.push(`${where}: selector ${key}=${value} does not match the pod labels`);
                }
            }
            // A StatefulSet's pods are labelled "<name>-<hash of 10>", a Job's pods with its name: label values of at most 63 characters.
            if (kind === "StatefulSet" && meta.name.length > 52) problems.push(`${where}: StatefulSet name "${meta.name}" is too long for its pods' labels`);
            if (kind === "Job" && meta.name.length > 63) problems.push(`${where}: Job name "${meta.name}" is too long for its pods' labels`);
            const claimTemplates = ((inputs.spec.volumeClaimTemplates ?? []) as Array<{ metadata: { name: string } }>).map((t) => ({ name: t.metadata.name }));
            const volumes = [...((template.spec.volumes ?? []) as Array<{ name: string }>), ...claimTemplates];
            for (const v of volumes) {
                if (!dns1123Label.test(v.name) || v.name.length > 63) problems.push(`${where}: volume name "${v.name}" is not valid`);
            }
            for (const dup of duplicates(volumes.map((v) => v.name))) problems.push(`${where}: volume "${dup}" twice`);
            const containers = [...(template.spec.containers as Array<Record<string, any>>), ...((template.spec.initContainers ?? []) as Array<Record<string, any>>)];
            for (const dup of duplicates(containers.map((c) => c.name as string))) problems.push(`${where}: container "${dup}" twice`);
            for (const container of containers) {
                const mounts = (container.volumeMounts ?? []) as Array<{ name: string; mountPath: string }>;
                for (const m of mounts) {
                    if (!volumes.some((v) => v.name === m.name)) problems.push(`${where}: mount of unknown volume "${m.name}"`);
                }
                for (const dup of duplicates(mounts.map((m) => m.mountPath))) problems.push(`${where}: mount path ${dup} twice`);
                const ports = (container.ports ?? []) as Array<{ name: string; containerPort: number; protocol: string }>;
                for (const p of ports) {
                    if (!ianaServiceName.test(p.name) || p.name.length > 15) problems.push(`${where}: port name "${p.name}" is not valid`);
                }
                for (const dup of duplicates(ports.map((p) => p.name))) problems.push(`${where}: port name "${dup}" twice`);
                for (const dup of duplicates(((container.env ?? []) as Array<{ name: string }>).map((e) => e.name))) problems.push(`${where}: env ${dup} twice`);
            }
        }
    }
    problems.push(...duplicates(objects).map((object) => `two objects ${object}`));

    // Docker: a host port is bound once per host and protocol; a mount point is used once per container.
    const containers = graph.ofType("docker:index/container:Container").map((r) => ({ name: r.name, inputs: graph.inputs(r.type, r.name) }));
    const hostPorts = containers.flatMap((c) => ((c.inputs.ports ?? []) as Array<{ external: number; protocol: string; ip: string }>).map((p) => `${p.ip}:${p.external}/${p.protocol}`));
    problems.push(...duplicates(hostPorts).map((binding) => `host port ${binding} bound twice`));
    for (const c of containers) {
        const tmpfs = Object.keys(c.inputs.tmpfs ?? {});
        const volumePaths = ((c.inputs.volumes ?? []) as Array<{ containerPath: string }>).map((v) => v.containerPath);
        for (const dup of duplicates([...tmpfs, ...volumePaths])) problems.push(`docker container ${c.name}: mount point ${dup} twice`);
        // Files are copied in before the container starts; a tmpfs mounted above them hides them.
        for (const upload of (c.inputs.uploads ?? []) as Array<{ file: string }>) {
            const hidden = tmpfs.find((mount) => upload.file.startsWith(mount.endsWith("/") ? mount : `${mount}/`));
            if (hidden) problems.push(`docker container ${c.name}: upload ${upload.file} is hidden by the tmpfs at ${hidden}`);
        }
    }
    return problems;
}

// ---------------------------------------------------------------- comparing runs

/** Child inputs of a run with secrets revealed and object keys sorted; lists keep their order. */
export function canonical(graph: ResourceGraph): string {
    const sortKeys = (value: unknown): unknown => {
        if (isSecretMarker(value)) return { "[secret]": sortKeys(value.value) };
        if (Array.isArray(value)) return value.map(sortKeys);
        if (typeof value === "object" && value !== null) {
            return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
        }
        return value;
    };
    return JSON.stringify(
        [...graph.resources].sort((a, b) => (a.type + "::" + a.name).localeCompare(b.type + "::" + b.name)).map((r) => ({ type: r.type, name: r.name, inputs: sortKeys(r.inputs) })),
        null,
        1,
    );
}

