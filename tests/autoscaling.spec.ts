import * as assert from "assert";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import { errorOf, onTarget, runShop, shop } from "./programs";

describe("AutoscalingPolicy", () => {
    describe("on Kubernetes", () => {
        it("creates an autoscaling/v2 HorizontalPodAutoscaler scaling the app's Deployment", async () => {
            const { graph } = await runShop("kubernetes", { autoscale: true });
            const hpa = graph.inputs("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-scaling");
            assert.deepStrictEqual(hpa.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "web" });
            assert.strictEqual(hpa.spec.minReplicas, 1);
            assert.strictEqual(hpa.spec.maxReplicas, 10);
            assert.deepStrictEqual(hpa.spec.metrics, [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }]);
            assert.strictEqual(hpa.metadata.namespace, "shop");
        });

        it("makes the Deployment omit spec.replicas, so server-side apply never fights the autoscaler", async () => {
            const scaled = (await runShop("kubernetes", { autoscale: true, replicas: 3 })).graph.inputs("kubernetes:apps/v1:Deployment", "web");
            assert.ok(!("replicas" in scaled.spec), "an autoscaled Deployment must not set replicas");
            const fixed = (await runShop("kubernetes", { replicas: 3 })).graph.inputs("kubernetes:apps/v1:Deployment", "web");
            assert.strictEqual(fixed.spec.replicas, 3);
        });

        it("sets scale-up and scale-down behaviour and a PodDisruptionBudget", async () => {
            const { graph, result } = await runProgram(() => {
                const { web } = shop();
                return new berth.AutoscalingPolicy("web-scaling", {
                    app: web, minReplicas: 3, maxReplicas: 9, cpuUtilization: 60, memoryUtilization: 80,
                    scaleUp: { podsPerMinute: 4 }, scaleDown: { stabilizationWindowSeconds: 600, podsPerMinute: 1 }, minAvailable: 2,
                });
            }, onTarget("kubernetes"));
            const hpa = graph.inputs("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-scaling");
            assert.deepStrictEqual(hpa.spec.behavior, {
                scaleUp: { policies: [{ type: "Pods", value: 4, periodSeconds: 60 }] },
                scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] },
            });
            assert.strictEqual(hpa.spec.metrics.length, 2);
            const pdb = graph.inputs("kubernetes:policy/v1:PodDisruptionBudget", "web-scaling");
            assert.deepStrictEqual(pdb.spec, { minAvailable: 2, selector: { matchLabels: { "app.kubernetes.io/name": "web" } } });
            assert.deepStrictEqual((await resolveOutput(result.resourceNames)).value, ["HorizontalPodAutoscaler/web", "PodDisruptionBudget/web"]);
        });
    });

    describe("on Docker", () => {
        it("runs minReplicas containers and warns that there is no autoscaler", async () => {
            const { graph, warnings } = await runProgram(() => {
                const { web } = shop({ webArgs: { ports: [{ name: "http", port: 8080 }] } });
                new berth.AutoscalingPolicy("web-scaling", { app: web, minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 });
            }, onTarget("docker"));
            assert.deepStrictEqual(graph.ofType("docker:index/container:Container").map((c) => c.name), ["web-0", "web-1"]);
            assert.match(warnings.join("\n"), /AutoscalingPolicy "web-scaling": app "web" runs 2 container\(s\): Autoscaling \(ContainerApp `autoscaling`, AutoscalingPolicy\) is not available on docker/);
        });

        it("refuses minReplicas > 1 for an app that publishes a host port", async () => {
            const error = await errorOf(() => {
                const { web } = shop();
                new berth.AutoscalingPolicy("web-scaling", { app: web, minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 });
            }, onTarget("docker"));
            assert.match(error.message, /AutoscalingPolicy "web-scaling": minReplicas 2 on Docker needs 2 containers/);
        });
    });

    for (const target of ["docker", "kubernetes"] as const) {
        it(`refuses to scale a singleton on ${target}`, async () => {
            const error = await errorOf(() => {
                const { web } = shop({ webArgs: { ports: [{ name: "http", port: 8080 }], singleton: true } });
                new berth.AutoscalingPolicy("web-scaling", { app: web, minReplicas: 1, maxReplicas: 4, cpuUtilization: 70 });
            }, onTarget(target));
            assert.match(error.message, /AutoscalingPolicy "web-scaling": app "web" is a singleton \(exactly one instance\); an autoscaler would run several/);
        });
    }

    it("scales a stateful app's StatefulSet on Kubernetes, each replica with a claim of its own", async () => {
        const { graph } = await runProgram(() => {
            const { web } = shop({ webArgs: { ports: [{ name: "http", port: 8080 }], volumes: [{ name: "data", mountPath: "/data", persistent: true }] } });
            new berth.AutoscalingPolicy("web-scaling", { app: web, minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 });
        }, onTarget("kubernetes"));
        assert.deepStrictEqual(graph.inputs("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-scaling").spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "StatefulSet", name: "web" });
        assert.strictEqual(graph.inputs("kubernetes:apps/v1:StatefulSet", "web").spec.replicas, undefined, "the autoscaler owns the count");
    });

    it("runs a stateful app's minimum on Docker, each replica with a named volume of its own", async () => {
        const { graph } = await runProgram(() => {
            const { web } = shop({ webArgs: { ports: [{ name: "http", port: 8080 }], volumes: [{ name: "data", mountPath: "/data", persistent: true }] } });
            new berth.AutoscalingPolicy("web-scaling", { app: web, minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 });
        }, onTarget("docker"));
        assert.deepStrictEqual(graph.ofType("docker:index/volume:Volume").map((v) => v.inputs.name).sort(), ["shop-web-data", "shop-web-data-1"]);
    });

    it("must be created before the app is deployed, and says so", async () => {
        const error = await errorOf(async () => {
            const { web } = shop();
            await new Promise((resolve) => setImmediate(resolve));
            new berth.AutoscalingPolicy("late", { app: web, minReplicas: 1, maxReplicas: 3, cpuUtilization: 50 });
        }, onTarget("kubernetes"));
        assert.match(error.message, /AutoscalingPolicy "late": app "web" was already deployed with a fixed replica count/);
    });

    it("allows one policy per app", async () => {
        const error = await errorOf(() => {
            const { web } = shop({ autoscale: true });
            new berth.AutoscalingPolicy("second", { app: web, minReplicas: 1, maxReplicas: 3, cpuUtilization: 50 });
        }, onTarget("kubernetes"));
        assert.match(error.message, /AutoscalingPolicy "second": app "web" already has AutoscalingPolicy "web-scaling"/);
    });
});
