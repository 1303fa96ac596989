import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import { errorOf, onTarget, OptionsRecorder } from "./programs";

const job = "kubernetes:batch/v1:Job";
const container = "docker:index/container:Container";

interface MigrationOptions {
    greeting?: string;
    image?: string;
    jobArgs?: Partial<berth.ContainerJobArgs>;
    opts?: pulumi.ComponentResourceOptions;
}

/** A network, a config with a secret, and a migration job using it. */
function migration(options: MigrationOptions = {}) {
    const net = new berth.AppNetwork("shop", {});
    const cfg = new berth.AppConfig("db-config", { network: net, values: { GREETING: options.greeting ?? "hello" }, secrets: { DB_PASSWORD: pulumi.secret("pw-1") } });
    const migrate = new berth.ContainerJob(
        "migrate",
        {
            network: net,
            image: options.image ?? `registry.example.com/shop/migrate:1.0.0@sha256:${"0123456789abcdef".repeat(4)}`,
            command: ["/bin/migrate"],
            args: ["up"],
            env: { MODE: "up", TOKEN: pulumi.secret("tok-9") },
            configs: [{ config: cfg }],
            resources: { limits: { memory: "128Mi" } },
            ...options.jobArgs,
        },
        options.opts,
    );
    return { net, cfg, migrate };
}

describe("ContainerJob on Kubernetes", () => {
    it("is a batch/v1 Job named after the hash of its spec: one pod, never restarted in place, retried `retries` times within `timeoutSeconds`", async () => {
        const { graph } = await runProgram(() => migration({ jobArgs: { retries: 2, timeoutSeconds: 300 } }), onTarget("kubernetes"));
        const [registered] = graph.ofType(job);
        assert.strictEqual(registered.name, "migrate", "the Pulumi name stays; the object's name carries the hash");
        const spec = graph.inputs(job, "migrate");
        assert.match(spec.metadata.name, /^migrate-[0-9a-f]{10}$/);
        assert.strictEqual(spec.metadata.namespace, "shop");
        assert.strictEqual(spec.spec.backoffLimit, 2);
        assert.strictEqual(spec.spec.activeDeadlineSeconds, 300);
        assert.strictEqual(spec.spec.ttlSecondsAfterFinished, undefined, "a finished Job stays until its spec changes");
        const pod = spec.spec.template.spec;
        assert.strictEqual(pod.restartPolicy, "Never");
        assert.strictEqual(pod.automountServiceAccountToken, false);
        const [main] = pod.containers;
        assert.strictEqual(main.name, "migrate");
        assert.deepStrictEqual([main.command, main.args], [["/bin/migrate"], ["up"]]);
        assert.strictEqual(main.terminationMessagePolicy, "FallbackToLogsOnError", "a failed run's last log lines reach the provider's error");
        assert.strictEqual(main.securityContext.runAsNonRoot, true);
        assert.strictEqual(main.securityContext.readOnlyRootFilesystem, true);
        assert.deepStrictEqual(main.resources, { limits: { memory: "128Mi" } });
        assert.deepStrictEqual(spec.spec.template.metadata.labels, {
            "app.kubernetes.io/managed-by": "berth",
            "app.kubernetes.io/name": "migrate",
            "app.kubernetes.io/part-of": "shop",
        });
    });

    it("takes config values and secrets by reference, and keeps its own secret env in its Secret", async () => {
        const { graph } = await runProgram(() => migration(), onTarget("kubernetes"));
        const env = graph.inputs(job, "migrate").spec.template.spec.containers[0].env;
        assert.deepStrictEqual(env, [
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-config", key: "DB_PASSWORD" } } },
            { name: "GREETING", valueFrom: { configMapKeyRef: { name: "db-config", key: "GREETING" } } },
            { name: "MODE", value: "up" },
            { name: "TOKEN", valueFrom: { secretKeyRef: { name: "migrate-env", key: "TOKEN" } } },
        ]);
        assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:Secret", "migrate-env").stringData, { TOKEN: "tok-9" });
        assert.deepStrictEqual(graph.plaintextLeaks(["tok-9", "pw-1"]), []);
    });

    it("joins the allow network of each app that lets it in, and the shared bridge for outside access, as an app does", async () => {
        const { graph } = await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("db", { network: net, image: "db:1", ports: [{ port: 5432 }], allowFrom: ["migrate"] });
            new berth.ContainerApp("cache", { network: net, image: "cache:1", ports: [{ port: 6379 }], allowFrom: ["web"] });
            new berth.ContainerApp("web", { network: net, image: "web:1" });
            new berth.ContainerJob("migrate", { network: net, image: "m:1", initContainers: [{ name: "wait", image: "w:1" }] });
        }, onTarget("docker"));
        assert.deepStrictEqual(graph.inputs(container, "migrate").networksAdvanced, [{ name: "shop" }, { name: "shop-to-db" }]);
        assert.deepStrictEqual(graph.inputs(container, "migrate.wait").networksAdvanced, [{ name: "shop" }, { name: "shop-to-db" }], "its init containers reach what it reaches");
    });

    it("keeps its name while nothing changes, and takes a new one (so it runs again) when its spec or a config it uses changes", async () => {
        const nameOf = async (options: MigrationOptions) => (await runProgram(() => migration(options), onTarget("kubernetes"))).graph.inputs(job, "migrate").metadata.name;
        const first = await nameOf({});
        assert.strictEqual(await nameOf({}), first);
        assert.notStrictEqual(await nameOf({ greeting: "hi" }), first, "a config value changed");
        assert.notStrictEqual(await nameOf({ image: "registry.example.com/shop/migrate:1.0.1" }), first, "the image changed");
        assert.notStrictEqual(await nameOf({ jobArgs: { args: ["down"] } }), first, "the args changed");
    });

    it("reports the Job's name among its objects", async () => {
        const { result, graph } = await runProgram(() => migration(), onTarget("kubernetes"));
        const names = (await resolveOutput(result.migrate.resourceNames)).value;
        assert.deepStrictEqual(names, [`Job/${graph.inputs(job, "migrate").metadata.name}`, "Secret/migrate-env"]);
    });

    it("gives the provider time for the run: the job's deadline plus a margin", async () => {
        const recorder = new OptionsRecorder();
        await runProgram(() => migration({ opts: recorder.opts, jobArgs: { timeoutSeconds: 300 } }), onTarget("kubernetes"));
        assert.deepStrictEqual(recorder.of(job, "migrate").customTimeouts, { create: "420s", update: "420s" });
    });

    it("warns that with skipAwait nothing waits for a dependency", async () => {
        const { warnings } = await runProgram(() => {
            const { net } = migration();
            new berth.ContainerJob("seed", { network: net, image: "seed:1", dependsOn: [{ job: "migrate" }], skipAwait: true });
        }, onTarget("kubernetes"));
        assert.match(warnings.join("\n"), /ContainerJob "seed" dependsOn with skipAwait: the objects are created in order, nothing is awaited: Start-up order \(`dependsOn`\) is emulated on kubernetes/);
    });
});

describe("ContainerJob on Docker", () => {
    it("is a container on the network that runs to completion: waited for, its log kept, never restarted, not expected to keep running", async () => {
        const { graph } = await runProgram(() => migration(), onTarget("docker"));
        const args = graph.inputs(container, "migrate");
        assert.strictEqual(args.name, "shop-migrate-job");
        assert.deepStrictEqual([args.attach, args.logs, args.mustRun, args.restart], [true, true, false, "no"]);
        assert.deepStrictEqual(args.networksAdvanced, [{ name: "shop" }]);
        assert.deepStrictEqual([args.entrypoints, args.command], [["/bin/migrate"], ["up"]]);
        assert.deepStrictEqual(args.envs, ["DB_PASSWORD=pw-1", "GREETING=hello", "MODE=up", "TOKEN=tok-9"]);
        assert.strictEqual(args.user, "65532:65532");
        assert.strictEqual(args.readOnly, true);
        assert.strictEqual(args.memory, 128);
        assert.match(args.image, /^sha256:/);
        assert.deepStrictEqual(graph.plaintextLeaks(["tok-9", "pw-1"]), []);
    });

    it("waits for the run at most `timeoutSeconds`, replaces its container by removing the old one first, and keeps env and log secret in state", async () => {
        const recorder = new OptionsRecorder();
        await runProgram(() => migration({ opts: recorder.opts, jobArgs: { timeoutSeconds: 90 } }), onTarget("docker"));
        const options = recorder.of(container, "migrate");
        assert.deepStrictEqual(options.customTimeouts, { create: "90s" });
        assert.strictEqual(options.deleteBeforeReplace, true);
        assert.deepStrictEqual(options.additionalSecretOutputs, ["envs", "containerLogs"]);
    });

    it("warns that retries are not available (Docker runs it once)", async () => {
        const { warnings } = await runProgram(() => migration({ jobArgs: { retries: 3 } }), onTarget("docker"));
        assert.match(warnings.join("\n"), /ContainerJob "migrate" retries 3: Job retries is not available on docker/);
    });

    it("reports its container among its objects", async () => {
        const { result } = await runProgram(() => migration(), onTarget("docker"));
        assert.deepStrictEqual((await resolveOutput(result.migrate.resourceNames)).value, ["shop-migrate-job"]);
    });
});

describe("ContainerJob validation", () => {
    for (const target of ["docker", "kubernetes"]) {
        it(`refuses a persistent volume, a name too long for its Job, and an app's name, all at once, on ${target}`, async () => {
            const error = await errorOf(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.ContainerApp("web", { network: net, image: "web:1" });
                new berth.ContainerJob("web", { network: net, image: "m:1", volumes: [{ name: "data", mountPath: "/data", persistent: true }] });
            }, onTarget(target));
            assert.strictEqual(
                error.message,
                'ContainerJob "web": volumes[0].persistent a job\'s volumes are ephemeral (scratch space for one run); keep data in an app, e.g. the database the job writes to; ' +
                    'name "web" is already the name of app "web" on this network; apps and jobs of a network need names of their own',
            );
            const long = await errorOf(() => new berth.ContainerJob("j".repeat(53), { network: new berth.AppNetwork("shop", {}), image: "m:1" }), onTarget(target));
            assert.match(long.message, /name must be at most 52 characters for a job \(a Kubernetes Job is named "<name>-<hash of its spec>"\), got 53/);
        });
    }

    it("in a prod stack needs a pinned image and resource limits, but no health check", async () => {
        const error = await errorOf(() => migration({ image: "migrate:latest", jobArgs: { resources: {} } }), onTarget("kubernetes", { "berth:tier": "prod" }));
        assert.strictEqual(
            error.message,
            'ContainerJob "migrate": image "migrate:latest" must be pinned by digest, as migrate:latest@sha256:<digest> (a registry can move a tag; `docker buildx imagetools inspect migrate:latest` prints the digest) in a prod stack; ' +
                "resources.limits is required (cpu and/or memory) in a prod stack",
        );
        const { graph } = await runProgram(() => migration(), onTarget("kubernetes", { "berth:tier": "prod" }));
        assert.strictEqual(graph.ofType(job).length, 1);
    });

    it("checks every field, each with its path", async () => {
        const error = await errorOf(
            () => new berth.ContainerJob("migrate", { network: new berth.AppNetwork("shop", {}), image: "m:1", timeoutSeconds: 0, retries: -1, replicas: 2 } as never),
            onTarget("docker"),
        );
        assert.strictEqual(error.message, 'ContainerJob "migrate": timeoutSeconds must be between 1 and 86400; retries must be between 0 and 100; replicas is not a known field');
    });
});
