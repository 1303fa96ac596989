import * as assert from "assert";
import * as path from "path";
import { expectGolden, expectNoPlaintext, projectStacks, runProgram, stackRunOptions } from "../components/testing";
import { exampleNamed, examples, repoRoot as root, runExample, standIn } from "./example-stacks";

describe("Examples", () => {
    for (const example of examples) {
        describe(example.name, () => {
            it("has a test for every stack file", () => {
                assert.deepStrictEqual(projectStacks(example.projectDir).filter((stack) => !stack.startsWith("e2e-")), example.stacks);
            });
            for (const stack of example.stacks) {
                it(`${stack}: matches golden/${stack}.yaml and keeps secrets out of plaintext`, async () => {
                    const { graph } = await runExample(example, stack);
                    expectNoPlaintext(graph, [standIn, "dev-only-token"]);
                    expectGolden(graph, path.join(root, "examples", example.name, "golden", `${stack}.yaml`));
                });
            }
        });
    }

    describe("what each stack deploys", () => {
        it("shop dev runs on Docker: 4 containers (api autoscaled to its minimum of 2), the web published on 8080", async () => {
            const { graph, warnings } = await runExample(exampleNamed("shop"), "dev");
            assert.deepStrictEqual(graph.ofType("docker:index/container:Container").map((c) => c.name).sort(), ["api-0", "api-1", "cache-0", "web-0"]);
            assert.deepStrictEqual(graph.inputs("docker:index/container:Container", "web-0").ports, [{ internal: 8080, external: 8080, ip: "127.0.0.1", protocol: "tcp" }]);
            assert.match(warnings.join("\n"), /AutoscalingPolicy "api-scaling": app "api" runs 2 container\(s\)/);
        });

        it("shop prod runs on Kubernetes: 3 Deployments, the api's without replicas, an HPA and an Ingress", async () => {
            const { graph } = await runExample(exampleNamed("shop"), "prod");
            const deployments = graph.ofType("kubernetes:apps/v1:Deployment").map((d) => graph.inputs(d.type, d.name));
            assert.deepStrictEqual(deployments.map((d) => [d.metadata.name, d.spec.replicas]).sort(), [["api", undefined], ["cache", 2], ["web", 3]]);
            assert.strictEqual(graph.inputs("kubernetes:networking.k8s.io/v1:Ingress", "web").spec.rules[0].host, "shop.example.com");
            assert.strictEqual(graph.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").length, 1);
        });

        it("shop prod refuses to run without its secret, naming the stack and the key", async () => {
            const options = stackRunOptions(root, "prod");
            const program = require(path.join(__dirname, "..", "examples", "shop", "index.js"));
            await assert.rejects(runProgram(program, options), /stack "prod": config key "berth-shop:apiToken" is required outside dev/);
        });

        it("multi-env gives each stack its own shape", async () => {
            const dev = (await runExample(exampleNamed("multi-env"), "dev")).graph;
            const staging = await runExample(exampleNamed("multi-env"), "staging");
            const prod = (await runExample(exampleNamed("multi-env"), "prod")).graph;
            assert.strictEqual(dev.ofType("docker:index/container:Container").length, 1);
            assert.strictEqual(staging.graph.inputs("kubernetes:apps/v1:Deployment", "storefront").spec.replicas, 2);
            assert.deepStrictEqual(staging.warnings, [], "a complete app passes staging's checks without warnings");
            assert.strictEqual(prod.inputs("kubernetes:policy/v1:PodDisruptionBudget", "storefront-scaling").spec.minAvailable, 2);
            assert.strictEqual(prod.inputs("kubernetes:apps/v1:Deployment", "storefront").metadata.labels["cost-center"], "store");
        });

        it("web-redis keeps the cache's data on a named volume", async () => {
            const { graph } = await runExample(exampleNamed("web-redis"), "dev");
            assert.strictEqual(graph.inputs("docker:index/volume:Volume", "cache-data-0").name, "web-redis-cache-data-0");
        });
    });
});
