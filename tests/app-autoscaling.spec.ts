import * as assert from "assert";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import * as pulumi from "@pulumi/pulumi";
import { errorOf, onTarget, OptionsRecorder, shop } from "./programs";

/* A ContainerApp's own `autoscaling`: what an AutoscalingPolicy does, as one component. */

const everyField: berth.AutoscalingArgs = {
    minReplicas: 3,
    maxReplicas: 9,
    cpuUtilization: 60,
    memoryUtilization: 80,
    scaleUp: { podsPerMinute: 4 },
    scaleDown: { stabilizationWindowSeconds: 600, podsPerMinute: 1 },
    minAvailable: 2,
};

/** web, scaled by a policy or by its own arg; the app publishes no port, so Docker may run several. */
function scaledShop(form: "policy" | "inline", scaling: berth.AutoscalingArgs) {
    const unpublished = { ports: [{ name: "http", port: 8080 }], replicas: undefined };
    if (form === "inline") {
        return shop({ webArgs: { ...unpublished, autoscaling: scaling } }).web;
    }
    const { web } = shop({ webArgs: unpublished });
    new berth.AutoscalingPolicy("web-scaling", { app: web, ...scaling });
    return web;
}

/** The provider resources of a run, by type and object name (the Pulumi names of a policy's children differ). */
function objects(run: { graph: { snapshot(): Array<{ type: string; name: string; inputs: unknown }> } }) {
    return run.graph
        .snapshot()
        .filter((r) => !r.type.startsWith("berth:"))
        .map((r) => ({ type: r.type, inputs: r.inputs }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function components(run: { graph: { snapshot(): Array<{ type: string; name: string }> } }): string[] {
    return run.graph
        .snapshot()
        .filter((r) => r.type.startsWith("berth:"))
        .map((r) => `${r.type}::${r.name}`);
}

describe("ContainerApp autoscaling", () => {
    for (const target of ["kubernetes", "docker"]) {
        it(`creates on ${target} exactly the objects an AutoscalingPolicy with the same args creates, with one component fewer`, async () => {
            const policy = await runProgram(() => scaledShop("policy", everyField), onTarget(target));
            const inline = await runProgram(() => scaledShop("inline", everyField), onTarget(target));
            assert.deepStrictEqual(objects(inline), objects(policy));
            assert.deepStrictEqual(components(policy), [...components(inline), "berth:index:AutoscalingPolicy::web-scaling"].sort());
        });
    }

    describe("on Kubernetes", () => {
        it("creates the HorizontalPodAutoscaler and PodDisruptionBudget as the app's children, and leaves the Deployment's replicas to them", async () => {
            const { graph, result } = await runProgram(() => scaledShop("inline", everyField), onTarget("kubernetes"));
            const hpa = graph.inputs("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web");
            assert.deepStrictEqual(hpa.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "web" });
            assert.deepStrictEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [3, 9]);
            assert.deepStrictEqual(graph.inputs("kubernetes:policy/v1:PodDisruptionBudget", "web").spec.minAvailable, 2);
            assert.ok(!("replicas" in graph.inputs("kubernetes:apps/v1:Deployment", "web").spec), "an autoscaled Deployment must not set replicas");
            const names = (await resolveOutput(result.resourceNames)).value;
            assert.ok(names.includes("HorizontalPodAutoscaler/web") && names.includes("PodDisruptionBudget/web"), names.join(", "));
            assert.deepStrictEqual(names, [...names].sort());
        });

        it("creates no budget without minAvailable", async () => {
            const { graph } = await runProgram(() => scaledShop("inline", { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 }), onTarget("kubernetes"));
            assert.deepStrictEqual(graph.ofType("kubernetes:policy/v1:PodDisruptionBudget"), []);
        });
    });

    describe("on Docker", () => {
        it("runs minReplicas containers and warns, naming the app's arg, that there is no autoscaler", async () => {
            const { graph, warnings } = await runProgram(() => scaledShop("inline", { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 }), onTarget("docker"));
            assert.deepStrictEqual(graph.ofType("docker:index/container:Container").map((c) => c.name), ["web-0", "web-1"]);
            assert.match(warnings.join("\n"), /ContainerApp "web" autoscaling: app "web" runs 2 container\(s\): Autoscaling .* is not available on docker/);
        });

        it("refuses autoscaling.minReplicas > 1 for an app that publishes a host port", async () => {
            const error = await errorOf(() => shop({ webArgs: { replicas: undefined, autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 } } }), onTarget("docker"));
            assert.match(error.message, /ContainerApp "web": .*ports\[0\]\.publish: a Docker host port is bound by one container, so publishing needs autoscaling\.minReplicas: 1 \(got 2\)/);
        });
    });

    describe("refuses, naming the field, every problem at once", () => {
        it("the policy's rules: min within max, a budget below min, the request of the metric", async () => {
            const error = await errorOf(
                () =>
                    shop({
                        webArgs: {
                            replicas: undefined,
                            resources: { requests: { cpu: "250m" } },
                            autoscaling: { minReplicas: 5, maxReplicas: 3, memoryUtilization: 80, minAvailable: 5 },
                        },
                    }),
                onTarget("kubernetes"),
            );
            assert.strictEqual(
                error.message,
                'ContainerApp "web": autoscaling.minReplicas must be less than or equal to maxReplicas (3); ' +
                    "autoscaling.minAvailable must be less than minReplicas (5), or no pod could ever be evicted to drain a node; " +
                    "autoscaling.memoryUtilization needs resources.requests.memory: memory utilisation is measured against it",
            );
        });

        it("a metric to scale on, and known fields only", async () => {
            const error = await errorOf(
                () => shop({ webArgs: { replicas: undefined, autoscaling: { minReplicas: 1, maxReplicas: 3 } } }),
                onTarget("kubernetes"),
            );
            assert.strictEqual(error.message, 'ContainerApp "web": autoscaling must set cpuUtilization or memoryUtilization (the metric to scale on)');
            const typo = await errorOf(
                () => shop({ webArgs: { replicas: undefined, autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilisation: 70 } as berth.AutoscalingArgs } }),
                onTarget("kubernetes"),
            );
            assert.match(typo.message, /autoscaling\.cpuUtilisation is not a known field/);
        });

        it("replicas beside autoscaling, and a singleton", async () => {
            const error = await errorOf(
                () => shop({ webArgs: { replicas: 3, singleton: true, autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 } } }),
                onTarget("kubernetes"),
            );
            assert.match(error.message, /replicas cannot be set together with autoscaling, which keeps the count between its minReplicas and maxReplicas: remove replicas/);
            assert.match(error.message, /autoscaling would run several instances of a singleton \(exactly one instance\): remove autoscaling, or singleton/);
        });

        it("fewer than 2 replicas in a prod stack", async () => {
            const error = await errorOf(
                () => shop({ webArgs: { replicas: undefined, ports: [{ name: "http", port: 8080 }], autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 } } }),
                onTarget("kubernetes", { "berth:tier": "prod" }),
            );
            assert.match(error.message, /ContainerApp "web": autoscaling\.minReplicas must be at least 2 \(got 1\) in a prod stack/);
        });
    });

    describe("taking over an AutoscalingPolicy (formerPolicy)", () => {
        const hpa = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
        const pdb = "kubernetes:policy/v1:PodDisruptionBudget";

        /** The URNs the mocks gave a top-level AutoscalingPolicy's children of `type` named `name` in this project and stack. */
        function policyChildUrns(type: string, name: string): string[] {
            const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
            const prefix = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::berth:index:AutoscalingPolicy$`;
            return [...monitor.getRegisteredResources().keys()].filter((urn) => urn.startsWith(prefix) && urn.endsWith(`$${type}::${name}`));
        }

        /** The aliases of web's child of `type` that rename it (the Kubernetes SDK adds its own, of other API versions). */
        function renames(recorder: OptionsRecorder, type: string): pulumi.Alias[] {
            return ((recorder.of(type, "web").aliases ?? []) as pulumi.Alias[]).filter((alias) => typeof alias === "object" && alias.name !== undefined);
        }

        /** web scaling by its own arg, its children's options recorded. */
        function webTakingOver(formerPolicy: string | undefined, recorder: OptionsRecorder) {
            const net = new berth.AppNetwork("shop", {});
            return new berth.ContainerApp(
                "web",
                {
                    network: net,
                    image: "registry.example.com/shop/web:1.4.2",
                    resources: { requests: { cpu: "250m", memory: "256Mi" } },
                    autoscaling: { ...everyField, formerPolicy },
                },
                recorder.opts,
            );
        }

        it("aliases the app's HorizontalPodAutoscaler and PodDisruptionBudget to the URNs the policy's had, so a stack keeps them", async () => {
            await runProgram(() => scaledShop("policy", everyField), onTarget("kubernetes"));
            const recorder = new OptionsRecorder();
            await runProgram(() => webTakingOver("web-scaling", recorder), onTarget("kubernetes"));
            for (const type of [hpa, pdb]) {
                const aliases = renames(recorder, type);
                assert.strictEqual(aliases.length, 1, type);
                const aliasUrn = await resolveOutput(pulumi.createUrn(aliases[0].name!, type, aliases[0].parent as pulumi.Input<string>));
                assert.deepStrictEqual([aliasUrn.value], policyChildUrns(type, "web-scaling"), type);
            }
        });

        it("aliases nothing without it", async () => {
            const recorder = new OptionsRecorder();
            await runProgram(() => webTakingOver(undefined, recorder), onTarget("kubernetes"));
            assert.deepStrictEqual(renames(recorder, hpa), []);
        });
    });

    it("refuses a policy named like an app that scales by its own arg: their objects would share a name", async () => {
        const error = await errorOf(() => {
            const { net } = shop({ webArgs: { ports: [{ name: "http", port: 8080 }], replicas: undefined, autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 } } });
            const api = new berth.ContainerApp("api", { network: net, image: "registry.example.com/shop/api:1", resources: { requests: { cpu: "100m" } } });
            new berth.AutoscalingPolicy("web", { app: api, minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 });
        }, onTarget("docker"));
        assert.strictEqual(
            error.message,
            'AutoscalingPolicy "web": names its HorizontalPodAutoscaler "web", as app "web"\'s HorizontalPodAutoscaler is named; rename one of them',
        );
    });

    it("refuses an AutoscalingPolicy for an app that scales by its own arg", async () => {
        const error = await errorOf(() => {
            const web = scaledShop("inline", { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 });
            new berth.AutoscalingPolicy("web-scaling", { app: web, minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 });
        }, onTarget("kubernetes"));
        assert.match(error.message, /^AutoscalingPolicy "web-scaling": app "web" scales by its own autoscaling arg; remove the policy, or the app's autoscaling \(ContainerApp "web" autoscaling\)/);
    });
});
