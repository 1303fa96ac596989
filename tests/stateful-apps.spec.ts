import * as assert from "assert";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import { errorOf, onTarget, OptionsRecorder } from "./programs";

const statefulSet = "kubernetes:apps/v1:StatefulSet";
const service = "kubernetes:core/v1:Service";
const container = "docker:index/container:Container";

const prodDefaults = JSON.stringify({ resources: { limits: { memory: "256Mi" } } });
const prod = onTarget("kubernetes", { "berth:tier": "prod", "berth:defaults": prodDefaults });

/** A database keeping its data on a persistent volume. */
function database(args: Partial<berth.ContainerAppArgs> = {}, name = "db") {
    const net = new berth.AppNetwork("shop", {});
    return new berth.ContainerApp(name, {
        network: net,
        image: `registry.example.com/shop/db:16.4@sha256:${"0123456789abcdef".repeat(4)}`,
        ports: [{ name: "pg", port: 5432 }],
        healthCheck: { tcp: { port: 5432 } },
        volumes: [
            { name: "data", mountPath: "/data", persistent: true, size: "10Gi" },
            { name: "scratch", mountPath: "/scratch" },
        ],
        ...args,
    });
}

describe("Stateful apps on Kubernetes", () => {
    it("are a StatefulSet with a claim template per persistent volume, so each replica has a claim of its own", async () => {
        const { graph } = await runProgram(() => database({ replicas: 3 }), onTarget("kubernetes"));
        assert.strictEqual(graph.ofType("kubernetes:apps/v1:Deployment").length, 0);
        assert.strictEqual(graph.ofType("kubernetes:core/v1:PersistentVolumeClaim").length, 0, "the StatefulSet controller makes the claims, one per replica");
        const spec = graph.inputs(statefulSet, "db").spec;
        assert.strictEqual(spec.replicas, 3);
        assert.strictEqual(spec.serviceName, "db-headless");
        assert.deepStrictEqual(spec.selector, { matchLabels: { "app.kubernetes.io/name": "db" } });
        assert.deepStrictEqual(spec.volumeClaimTemplates, [
            {
                metadata: { name: "volume-data", labels: { "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/name": "db", "app.kubernetes.io/part-of": "shop" } },
                spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
            },
        ]);
        assert.deepStrictEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" }, "a replaced or deleted StatefulSet keeps the data");
        const pod = spec.template.spec;
        assert.deepStrictEqual(pod.volumes.map((v: { name: string }) => v.name), ["tmp", "volume-scratch"], "the persistent volume comes from the claim template");
        assert.deepStrictEqual(
            pod.containers[0].volumeMounts.map((m: { name: string; mountPath: string }) => `${m.name}:${m.mountPath}`),
            ["tmp:/tmp", "volume-data:/data", "volume-scratch:/scratch"],
        );
    });

    it("has a headless Service resolving each replica, beside the app's ClusterIP Service", async () => {
        const { graph, result } = await runProgram(() => ({ db: database() }), onTarget("kubernetes"));
        assert.deepStrictEqual(graph.inputs(service, "db-headless").spec, {
            clusterIP: "None",
            selector: { "app.kubernetes.io/name": "db" },
            publishNotReadyAddresses: true,
            ports: [{ name: "pg", port: 5432, targetPort: 5432, protocol: "TCP" }],
        });
        assert.strictEqual(graph.inputs(service, "db").spec.type, "ClusterIP");
        assert.deepStrictEqual((await resolveOutput(result.db.resourceNames)).value, ["Service/db", "Service/db-headless", "StatefulSet/db"]);
    });

    it("a stateless singleton is a Deployment that stops its old pod before starting the new one", async () => {
        const { graph } = await runProgram(() => database({ volumes: [], singleton: true }), onTarget("kubernetes"));
        assert.deepStrictEqual(graph.inputs("kubernetes:apps/v1:Deployment", "db").spec.strategy, { type: "Recreate" });
    });
});

describe("Stateful apps on Docker", () => {
    it("give each replica a named volume of its own per persistent volume, and tmpfs for the ephemeral ones", async () => {
        const { graph, result } = await runProgram(() => ({ db: database({ replicas: 2 }) }), onTarget("docker"));
        const volumes = graph.ofType("docker:index/volume:Volume").map((v) => [v.name, graph.inputs(v.type, v.name).name]);
        assert.deepStrictEqual(volumes, [
            ["db-data-0", "shop-db-data-0"],
            ["db-data-1", "shop-db-data-1"],
        ]);
        for (const index of [0, 1]) {
            const args = graph.inputs(container, `db-${index}`);
            assert.deepStrictEqual(args.volumes, [{ volumeName: `shop-db-data-${index}`, containerPath: "/data", readOnly: false }]);
            assert.strictEqual(args.tmpfs["/scratch"], "rw,nosuid");
        }
        assert.deepStrictEqual((await resolveOutput(result.db.resourceNames)).value, ["shop-db-0", "shop-db-1", "shop-db-data-0", "shop-db-data-1"]);
    });

    it("replace a container by removing the old one before the new one starts, so two never write one volume", async () => {
        const recorder = new OptionsRecorder();
        await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("db", { network: net, image: "db:1", volumes: [{ name: "data", mountPath: "/data", persistent: true }] }, recorder.opts);
        }, onTarget("docker"));
        assert.strictEqual(recorder.of(container, "db-0").deleteBeforeReplace, true);
    });
});

describe("Stateful apps: validation and the prod tier", () => {
    it("a prod stack refuses a stateful app of one replica, saying how to declare a singleton", async () => {
        const error = await errorOf(() => database(), prod);
        assert.strictEqual(
            error.message,
            'ContainerApp "db": replicas must be at least 2 (got 1) in a prod stack; an app that runs one instance on purpose (a database on its volume) sets singleton: true',
        );
    });

    it("a prod stack accepts a singleton", async () => {
        const { graph } = await runProgram(() => database({ singleton: true }), prod);
        assert.strictEqual(graph.inputs(statefulSet, "db").spec.replicas, 1);
    });

    it("a prod stack names every app that breaks the replica rule at once, as its own line, without Pulumi's serialisation wrapper", async () => {
        const error = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            const app = (name: string) => ({ network: net, image: `registry.example.com/shop/${name}:1.0.0@sha256:${"0123456789abcdef".repeat(4)}`, healthCheck: { tcp: { port: 1 } } });
            new berth.ContainerApp("redis", { ...app("redis"), volumes: [{ name: "data", mountPath: "/data", persistent: true }] });
            new berth.ContainerApp("db", { ...app("db"), volumes: [{ name: "data", mountPath: "/data", persistent: true }] });
            new berth.ContainerApp("web", { ...app("web"), replicas: 2 });
        }, prod);
        const hint = "; an app that runs one instance on purpose (a database on its volume) sets singleton: true";
        assert.strictEqual(
            error.message,
            `ContainerApp "redis": replicas must be at least 2 (got 1) in a prod stack${hint}\nContainerApp "db": replicas must be at least 2 (got 1) in a prod stack${hint}`,
        );
    });

    it("a singleton runs exactly one replica", async () => {
        const error = await errorOf(() => database({ singleton: true, replicas: 2 }), onTarget("docker"));
        assert.strictEqual(error.message, 'ContainerApp "db": replicas a singleton runs exactly one instance; set replicas to 1 (got 2)');
    });

    for (const target of ["docker", "kubernetes"]) {
        it(`a stateful app's name fits its StatefulSet's pod labels (at most 52 characters) on ${target}`, async () => {
            const error = await errorOf(() => database({}, "d".repeat(53)), onTarget(target));
            assert.match(error.message, /name must be at most 52 characters for an app with a persistent volume/);
        });
    }

    it("on Kubernetes, claims its headless Service and its claims' names on the network", async () => {
        const headless = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("db", { network: net, image: "db:1", volumes: [{ name: "data", mountPath: "/data", persistent: true }] });
            new berth.ContainerApp("db-headless", { network: net, image: "x:1", ports: [{ port: 80 }] });
        }, onTarget("kubernetes"));
        assert.strictEqual(headless.message, 'ContainerApp "db-headless": name makes its Service "db-headless", the name of app "db"\'s headless Service; rename one of them');
        const claims = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("c", { network: net, image: "c:1", volumes: [{ name: "a-b", mountPath: "/data", persistent: true }] });
            new berth.ContainerApp("b-c", { network: net, image: "x:1", volumes: [{ name: "a", mountPath: "/data", persistent: true }] });
        }, onTarget("kubernetes"));
        assert.strictEqual(
            claims.message,
            'ContainerApp "b-c": volumes[0].name makes its volume claims "volume-a-b-c", the name of app "c"\'s volume claims; rename one of them',
        );
    });

    it("on Docker, claims its named volumes' names on the network", async () => {
        const error = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("a", { network: net, image: "a:1", volumes: [{ name: "b-c", mountPath: "/data", persistent: true }] });
            new berth.ContainerApp("a-b", { network: net, image: "x:1", volumes: [{ name: "c", mountPath: "/data", persistent: true }] });
        }, onTarget("docker"));
        assert.strictEqual(error.message, 'ContainerApp "a-b": volumes[0].name makes its named volume "a-b-c", the name of app "a"\'s named volume; rename one of them');
    });
});
