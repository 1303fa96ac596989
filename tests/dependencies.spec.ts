import * as assert from "assert";
import * as berth from "../components";
import { runProgram } from "../components/testing";
import { errorOf, onTarget, OptionsRecorder } from "./programs";

/** web waits for a migration, which waits for a healthy db; web is declared first, as a user may write it. */
function orderedSystem(recorder: OptionsRecorder) {
    const net = new berth.AppNetwork("shop", {});
    new berth.ContainerApp("web", { network: net, image: "web:1", ports: [{ port: 8080 }], dependsOn: [{ job: "migrate" }, { app: "db", condition: "healthy" }] }, recorder.opts);
    new berth.ContainerJob("migrate", { network: net, image: "migrate:1", dependsOn: [{ app: "db", condition: "healthy" }] }, recorder.opts);
    new berth.ContainerApp("db", { network: net, image: "db:1", ports: [{ port: 5432 }], healthCheck: { tcp: { port: 5432 } }, allowFrom: ["web", "migrate"] }, recorder.opts);
}

describe("Start-up order (dependsOn)", () => {
    it("on Kubernetes the workloads render in dependency order and each waits for its dependencies' workloads", async () => {
        const recorder = new OptionsRecorder();
        const { graph } = await runProgram(() => orderedSystem(recorder), onTarget("kubernetes"));
        const order = graph.resources.filter((r) => ["kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:Job"].includes(r.type)).map((r) => r.name);
        assert.deepStrictEqual(order, ["db", "migrate", "web"]);
        assert.deepStrictEqual(recorder.dependsOn("kubernetes:batch/v1:Job", "migrate"), ["db"]);
        assert.deepStrictEqual(recorder.dependsOn("kubernetes:apps/v1:Deployment", "web"), ["db", "migrate"]);
        assert.strictEqual(recorder.of("kubernetes:apps/v1:Deployment", "db").dependsOn, undefined);
    });

    it("on Docker every container of a dependent waits for its dependencies' containers (healthy: created once its health check passed)", async () => {
        const recorder = new OptionsRecorder();
        const { graph } = await runProgram(() => orderedSystem(recorder), onTarget("docker"));
        const order = graph.ofType("docker:index/container:Container").map((r) => r.name);
        assert.deepStrictEqual(order, ["db-0", "migrate", "web-0"]);
        assert.strictEqual(graph.inputs("docker:index/container:Container", "db-0").wait, true, "a healthy dependency's container is created once healthy");
        assert.deepStrictEqual(recorder.dependsOn("docker:index/container:Container", "migrate"), ["db-0"]);
        assert.deepStrictEqual(recorder.dependsOn("docker:index/container:Container", "web-0"), ["db-0", "migrate"]);
    });

    for (const target of ["docker", "kubernetes"]) {
        it(`refuses a cycle on ${target}, naming the whole cycle on each of its members, all at once`, async () => {
            const error = await errorOf(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.ContainerApp("web", { network: net, image: "web:1", dependsOn: [{ job: "migrate" }] });
                new berth.ContainerJob("migrate", { network: net, image: "migrate:1", dependsOn: [{ app: "db" }] });
                new berth.ContainerApp("db", { network: net, image: "db:1", dependsOn: [{ app: "web" }] });
            }, onTarget(target));
            assert.ok(error instanceof berth.BerthValidationErrors, error.message);
            assert.strictEqual(
                error.message,
                [
                    'ContainerApp "web": dependsOn web → migrate → db → web is a cycle: a workload cannot wait for itself',
                    'ContainerJob "migrate": dependsOn migrate → db → web → migrate is a cycle: a workload cannot wait for itself',
                    'ContainerApp "db": dependsOn db → web → migrate → db is a cycle: a workload cannot wait for itself',
                ].join("\n"),
            );
        });

        it(`refuses an app that waits for itself on ${target}`, async () => {
            const error = await errorOf(() => new berth.ContainerApp("web", { network: new berth.AppNetwork("shop", {}), image: "web:1", dependsOn: [{ app: "web" }] }), onTarget(target));
            assert.strictEqual(error.message, 'ContainerApp "web": dependsOn web → web is a cycle: a workload cannot wait for itself');
        });

        it(`refuses an unknown name (with the near miss), the wrong kind, and "healthy" without a health check, on ${target}`, async () => {
            const error = await errorOf(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.ContainerApp("worker", { network: net, image: "w:1" });
                new berth.ContainerJob("migrate", { network: net, image: "m:1" });
                new berth.ContainerApp("web", {
                    network: net,
                    image: "web:1",
                    dependsOn: [{ app: "wroker" }, { app: "migrate" }, { app: "worker", condition: "healthy" }, { job: "seed" }],
                });
            }, onTarget(target));
            assert.strictEqual(
                error.message,
                'ContainerApp "web": dependsOn[0].app "wroker" is not an app or job on network "shop" (did you mean "worker"?); ' +
                    'dependsOn[1].app "migrate" is a job, not an app: name it as { job: "migrate" }; ' +
                    'dependsOn[2].condition "worker" has no healthCheck, so "web" → "worker" healthy cannot hold: give "worker" a healthCheck or wait until it is "started"; ' +
                    'dependsOn[3].job "seed" is not an app or job on network "shop" (apps and jobs: migrate, web, worker)',
            );
        });
    }

    it("checks each dependency's shape with its other args", async () => {
        const error = await errorOf(() => {
            new berth.ContainerApp("web", {
                network: new berth.AppNetwork("shop", {}),
                image: "web:1",
                dependsOn: [{}, { app: "db", job: "migrate" }, { app: "db", condition: "completed" }, { job: "migrate", condition: "healthy" }, { app: "Db" }, { app: "db" }, { app: "db", condition: "started" }],
            });
        }, onTarget("docker"));
        assert.strictEqual(
            error.message,
            'ContainerApp "web": dependsOn[0] must name exactly one of app or job; dependsOn[1] must name exactly one of app or job; ' +
                'dependsOn[2].condition must be "started" or "healthy" for an app ("completed" is for a job, which runs to completion); ' +
                'dependsOn[3].condition must be "completed" for a job (got "healthy"); ' +
                "dependsOn[4].app must be lower-case letters, digits and '-', start with a letter and end with a letter or digit (DNS-1123)",
        );
        const duplicate = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("db", { network: net, image: "db:1" });
            new berth.ContainerApp("web", { network: net, image: "web:1", dependsOn: [{ app: "db" }, { app: "db", condition: "started" }] });
        }, onTarget("docker"));
        assert.strictEqual(duplicate.message, 'ContainerApp "web": dependsOn[1] app "db" is already named by dependsOn[0]');
    });

    it("does not render a dependent whose dependency failed its checks (nothing of the pass renders)", async () => {
        const error = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("db", { network: net, image: "db:1", allowFrom: ["nobody"] });
            new berth.ContainerApp("web", { network: net, image: "web:1", dependsOn: [{ app: "db" }] });
        }, onTarget("docker"));
        assert.match(error.message, /^ContainerApp "db": allowFrom\[0\] "nobody" is not an app or job/);
    });
});

describe("allowFrom names", () => {
    for (const target of ["docker", "kubernetes"]) {
        it(`must each be an app or job of the network, declared before or after, with the near miss named, on ${target}`, async () => {
            const error = await errorOf(() => {
                const net = new berth.AppNetwork("shop", {});
                const other = new berth.AppNetwork("other", {});
                new berth.ContainerApp("db", { network: net, image: "db:1", ports: [{ port: 5432 }], allowFrom: ["vote", "wroker", "admin", "migrate"] });
                new berth.ContainerApp("vote", { network: net, image: "v:1" });
                new berth.ContainerApp("worker", { network: net, image: "w:1" });
                new berth.ContainerJob("migrate", { network: net, image: "m:1" });
                new berth.ContainerApp("admin", { network: other, image: "a:1" });
            }, onTarget(target));
            assert.strictEqual(
                error.message,
                'ContainerApp "db": allowFrom[1] "wroker" is not an app or job on network "shop" (did you mean "worker"?); ' +
                    'allowFrom[2] "admin" is not an app or job on network "shop" (apps and jobs: db, migrate, vote, worker)',
            );
        });
    }

    it("lets a job's pods through a Kubernetes allow policy by the job's name", async () => {
        const { graph } = await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("db", { network: net, image: "db:1", ports: [{ port: 5432 }], allowFrom: ["migrate"] });
            new berth.ContainerJob("migrate", { network: net, image: "m:1" });
        }, onTarget("kubernetes"));
        const policy = graph.inputs("kubernetes:networking.k8s.io/v1:NetworkPolicy", "db-allow");
        assert.deepStrictEqual(policy.spec.ingress[0].from, [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "migrate" } } }]);
        assert.strictEqual(graph.inputs("kubernetes:batch/v1:Job", "migrate").spec.template.metadata.labels["app.kubernetes.io/name"], "migrate");
    });

    it("names every failing app of the program at once, one line each, not wrapped in Pulumi's serialisation error", async () => {
        const error = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("a", { network: net, image: "a:1", allowFrom: ["x"] });
            new berth.ContainerApp("b", { network: net, image: "b:1", allowFrom: ["y"] });
        }, onTarget("docker"));
        assert.ok(error instanceof berth.BerthValidationErrors);
        assert.deepStrictEqual(
            (error as berth.BerthValidationErrors).errors.map((e) => e.componentName),
            ["a", "b"],
        );
        assert.doesNotMatch(error.message, /serializing/);
    });
});
