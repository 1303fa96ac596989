import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import { errorOf, onTarget, OptionsRecorder } from "./programs";

const deployment = "kubernetes:apps/v1:Deployment";
const container = "docker:index/container:Container";

/** web with an init container that prepares a shared volume, and a metrics sidecar reading it, each with config and env. */
function webWithHelpers(opts?: pulumi.ComponentResourceOptions, replicas = 1) {
    const net = new berth.AppNetwork("shop", {});
    const cfg = new berth.AppConfig("web-config", { network: net, files: { "motd.tmpl": "hello\n" }, values: { LEVEL: "info" } });
    return new berth.ContainerApp(
        "web",
        {
            network: net,
            image: "registry.example.com/shop/web:1.4.2",
            ports: [{ name: "http", port: 8080 }, { name: "metrics", port: 9100 }],
            replicas,
            volumes: [
                { name: "shared", mountPath: "/shared" },
                { name: "cache", mountPath: "/cache" },
            ],
            initContainers: [
                {
                    name: "prepare",
                    image: "registry.example.com/shop/tools:1.0.0",
                    command: ["sh", "-c", "cp /etc/tmpl/motd.tmpl /work/motd"],
                    env: { TOKEN: pulumi.secret("init-secret-1") },
                    configs: [{ config: cfg, mountPath: "/etc/tmpl" }],
                    volumes: [{ name: "shared", mountPath: "/work" }],
                    resources: { limits: { memory: "64Mi" } },
                },
            ],
            sidecars: [
                {
                    name: "metrics",
                    image: "registry.example.com/shop/metrics:2.0.0",
                    args: ["--port", "9100"],
                    volumes: [{ name: "shared", mountPath: "/shared", readOnly: true }],
                    configs: [{ config: cfg }],
                },
            ],
        },
        opts,
    );
}

describe("Init containers and sidecars on Kubernetes", () => {
    it("are init containers, then native sidecars (restartPolicy Always), each with its own env, configs, mounts and the secure defaults", async () => {
        const { graph } = await runProgram(() => webWithHelpers(), onTarget("kubernetes"));
        const pod = graph.inputs(deployment, "web").spec.template.spec;
        assert.deepStrictEqual(pod.initContainers.map((c: { name: string }) => c.name), ["prepare", "metrics"]);
        const [prepare, metrics] = pod.initContainers;
        assert.strictEqual(prepare.restartPolicy, undefined);
        assert.strictEqual(prepare.terminationMessagePolicy, "FallbackToLogsOnError");
        assert.strictEqual(metrics.restartPolicy, "Always");
        assert.deepStrictEqual(metrics.args, ["--port", "9100"]);
        for (const helper of [prepare, metrics]) {
            assert.deepStrictEqual(helper.securityContext, pod.containers[0].securityContext, `${helper.name} has the app's secure defaults`);
        }
        assert.deepStrictEqual(prepare.resources, { limits: { memory: "64Mi" } });
        assert.deepStrictEqual(prepare.env, [
            { name: "LEVEL", valueFrom: { configMapKeyRef: { name: "web-config", key: "LEVEL" } } },
            { name: "TOKEN", valueFrom: { secretKeyRef: { name: "web-env", key: "prepare.TOKEN" } } },
        ]);
        assert.deepStrictEqual(metrics.env, [{ name: "LEVEL", valueFrom: { configMapKeyRef: { name: "web-config", key: "LEVEL" } } }]);
        assert.deepStrictEqual(prepare.volumeMounts, [
            { name: "config-prepare-0", mountPath: "/etc/tmpl", readOnly: true },
            { name: "tmp", mountPath: "/tmp" },
            { name: "volume-shared", mountPath: "/work" },
        ]);
        assert.deepStrictEqual(metrics.volumeMounts, [
            { name: "tmp", mountPath: "/tmp" },
            { name: "volume-shared", mountPath: "/shared", readOnly: true },
        ]);
        assert.deepStrictEqual(pod.volumes.map((v: { name: string }) => v.name), ["tmp", "volume-shared", "volume-cache", "config-prepare-0"]);
    });

    it("keeps helpers' secret env in the app's Secret under <helper>.<name>, and rolls the pods when it or a config they use changes", async () => {
        const { graph } = await runProgram(() => webWithHelpers(), onTarget("kubernetes"));
        assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:Secret", "web-env").stringData, { "prepare.TOKEN": "init-secret-1" });
        assert.deepStrictEqual(graph.plaintextLeaks(["init-secret-1"]), []);
        assert.match(graph.inputs(deployment, "web").spec.template.metadata.annotations["berth.dev/config-hash"], /^[0-9a-f]{64}$/);
    });

    it("lists the app's ports, sidecars' included, on its container and Service (the pod's ports)", async () => {
        const { graph } = await runProgram(() => webWithHelpers(), onTarget("kubernetes"));
        assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:Service", "web").spec.ports.map((p: { name: string }) => p.name), ["http", "metrics"]);
    });
});

describe("Init containers and sidecars on Docker", () => {
    it("run each init container to completion before the replica's container, on the network, each named after that container", async () => {
        const recorder = new OptionsRecorder();
        const { graph } = await runProgram(() => webWithHelpers(recorder.opts, 2), onTarget("docker"));
        for (const index of [0, 1]) {
            const init = graph.inputs(container, `web-${index}.prepare`);
            assert.strictEqual(init.name, `shop-web-${index}.prepare`);
            assert.deepStrictEqual([init.attach, init.logs, init.mustRun, init.restart], [true, true, false, "no"]);
            assert.deepStrictEqual(init.networksAdvanced, [{ name: "shop" }]);
            assert.deepStrictEqual(init.volumes, [{ volumeName: `shop-web-shared-${index}`, containerPath: "/work", readOnly: false }]);
            assert.deepStrictEqual(init.uploads, [{ file: "/etc/tmpl/motd.tmpl", content: "hello\n" }]);
            assert.strictEqual(init.readOnly, false, "config files are copied in through a writable root");
            assert.strictEqual(init.user, "65532:65532");
            assert.ok(init.envs.includes("TOKEN=init-secret-1"));
            assert.deepStrictEqual(recorder.dependsOn(container, `web-${index}`), [`web-${index}.prepare`]);
            assert.deepStrictEqual(recorder.of(container, `web-${index}.prepare`).additionalSecretOutputs, ["envs", "containerLogs"]);
        }
    });

    it("run sidecars in the replica container's network namespace, mounting the replica's shared volume", async () => {
        const { graph } = await runProgram(() => webWithHelpers(undefined, 2), onTarget("docker"));
        for (const index of [0, 1]) {
            const sidecar = graph.inputs(container, `web-${index}.metrics`);
            assert.strictEqual(sidecar.name, `shop-web-${index}.metrics`);
            assert.strictEqual(sidecar.networkMode, `container:web-${index}-id`);
            assert.strictEqual(sidecar.networksAdvanced, undefined);
            assert.strictEqual(sidecar.restart, "unless-stopped");
            assert.deepStrictEqual(sidecar.volumes, [{ volumeName: `shop-web-shared-${index}`, containerPath: "/shared", readOnly: true }]);
            assert.deepStrictEqual(sidecar.tmpfs, { "/tmp": "rw,noexec,nosuid,size=64m" });
        }
    });

    it("make a volume shared with a helper a named volume per replica (a tmpfs cannot be shared); the others stay tmpfs", async () => {
        const { graph, result } = await runProgram(() => ({ web: webWithHelpers() }), onTarget("docker"));
        const web = graph.inputs(container, "web-0");
        assert.deepStrictEqual(web.volumes, [{ volumeName: "shop-web-shared-0", containerPath: "/shared", readOnly: false }]);
        assert.deepStrictEqual(web.tmpfs, { "/tmp": "rw,noexec,nosuid,size=64m", "/cache": "rw,nosuid" });
        assert.deepStrictEqual((await resolveOutput(result.web.resourceNames)).value, ["shop-web-0", "shop-web-0.metrics", "shop-web-0.prepare", "shop-web-shared-0"]);
    });
});

/** The prod tier's words for an image not pinned by digest. */
function unpinned(image: string): string {
    return `"${image}" must be pinned by digest, as ${image}@sha256:<digest> (a registry can move a tag; \`docker buildx imagetools inspect ${image}\` prints the digest) in a prod stack`;
}

describe("Init containers and sidecars: validation", () => {
    for (const target of ["docker", "kubernetes"]) {
        it(`refuses unknown volumes, clashing mounts and names, and the app's own name, all at once, on ${target}`, async () => {
            const error = await errorOf(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.ContainerApp("web", {
                    network: net,
                    image: "web:1",
                    volumes: [{ name: "shared", mountPath: "/shared" }],
                    initContainers: [
                        { name: "web", image: "t:1", volumes: [{ name: "sharde", mountPath: "/a" }] },
                        { name: "twice", image: "t:1", volumes: [{ name: "shared", mountPath: "/tmp" }] },
                    ],
                    sidecars: [{ name: "twice", image: "s:1", volumes: [{ name: "shared", mountPath: "/x" }, { name: "shared", mountPath: "/x" }] }],
                });
            }, onTarget(target));
            assert.strictEqual(
                error.message,
                'ContainerApp "web": initContainers[0].volumes[0].name "sharde" is not one of the volumes (shared); ' +
                    "initContainers[1].volumes[0].mountPath /tmp is the writable scratch directory berth mounts under a read-only root filesystem; mount elsewhere or set security.readOnlyRootFilesystem to false; " +
                    "sidecars[0].volumes[1].mountPath /x is used by another volume; " +
                    'sidecars[0].name "twice" is already the name of initContainers[1]; ' +
                    'initContainers[0].name "web" is the name of the workload\'s own container; name it apart',
            );
        });
    }

    it("checks each helper's fields with the app's", async () => {
        const error = await errorOf(
            () => new berth.ContainerApp("web", { network: new berth.AppNetwork("shop", {}), image: "web:1", initContainers: [{ name: "Init", image: "a b", env: { "1X": "y" } } as never] }),
            onTarget("docker"),
        );
        assert.strictEqual(
            error.message,
            "ContainerApp \"web\": initContainers[0].name must be lower-case letters, digits and '-', start with a letter and end with a letter or digit (DNS-1123); " +
                "initContainers[0].image must be an image reference without spaces, such as registry.example.com/shop/web:1.4.2; initContainers[0].env.1X is not a valid key: must be an environment variable name",
        );
    });

    it("a prod stack needs a pinned image and resource limits of every helper too", async () => {
        const error = await errorOf(() => webWithHelpers(), onTarget("kubernetes", { "berth:tier": "prod" }));
        assert.strictEqual(
            error.message,
            [
                `ContainerApp "web": image ${unpinned("registry.example.com/shop/web:1.4.2")}`,
                "healthCheck is required in a prod stack",
                "resources.limits is required (cpu and/or memory) in a prod stack",
                `initContainers[0].image ${unpinned("registry.example.com/shop/tools:1.0.0")}`,
                `sidecars[0].image ${unpinned("registry.example.com/shop/metrics:2.0.0")}`,
                "sidecars[0].resources.limits is required (cpu and/or memory) in a prod stack",
            ].join("; "),
        );
    });

    it("stack defaults give helpers the app's resources and security settings", async () => {
        const defaults = JSON.stringify({ resources: { limits: { memory: "99Mi" } }, security: { runAsUser: 10001, runAsGroup: 10001 } });
        const { graph } = await runProgram(() => webWithHelpers(), onTarget("kubernetes", { "berth:defaults": defaults }));
        const [prepare, metrics] = graph.inputs(deployment, "web").spec.template.spec.initContainers;
        assert.deepStrictEqual(prepare.resources, { limits: { memory: "64Mi" } }, "a helper's own value wins");
        assert.deepStrictEqual(metrics.resources, { limits: { memory: "99Mi" } });
        assert.strictEqual(metrics.securityContext.runAsUser, 10001);
    });

    it("a helper may only use configs of the app's network", async () => {
        const error = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            const other = new berth.AppConfig("other", { network: new berth.AppNetwork("other", {}), values: { A: "1" } });
            new berth.ContainerApp("web", { network: net, image: "web:1", sidecars: [{ name: "m", image: "m:1", configs: [{ config: other }] }] });
        }, onTarget("docker"));
        assert.strictEqual(error.message, 'ContainerApp "web": sidecars[0].configs[0].config "other" belongs to network "other", not "shop"');
    });
});
