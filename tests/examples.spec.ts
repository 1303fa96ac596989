import * as assert from "assert";
import * as path from "path";
import { expectGolden, expectNoPlaintext, projectStacks, ProgramRun, runProgram, stackRunOptions } from "../components/testing";

const root = path.join(__dirname, "..", "..");

interface Example {
    name: string;
    /** Where Pulumi.yaml and the stack files are. */
    projectDir: string;
    /** Its stacks (Pulumi.<stack>.yaml); listed, so a scratch stack file never becomes a test. */
    stacks: string[];
    /** Stand-ins for encrypted or required secret config, per stack. */
    secrets: Record<string, Record<string, string>>;
}

const standIn = "stand-in-secret-7c1e9a";

const examples: Example[] = [
    { name: "shop", projectDir: root, stacks: ["dev", "prod"], secrets: { prod: { apiToken: standIn } } },
    { name: "hello", projectDir: path.join(root, "examples", "hello"), stacks: ["dev"], secrets: {} },
    { name: "web-redis", projectDir: path.join(root, "examples", "web-redis"), stacks: ["dev"], secrets: { dev: { cachePassword: standIn } } },
    { name: "multi-env", projectDir: path.join(root, "examples", "multi-env"), stacks: ["dev", "prod", "staging"], secrets: {} },
    { name: "build", projectDir: path.join(root, "examples", "build"), stacks: ["dev", "prod"], secrets: {} },
];

/** Runs an example's compiled program for one stack. */
function runExample(example: Example, stack: string): Promise<ProgramRun<Record<string, unknown>>> {
    const program = require(path.join(__dirname, "..", "examples", example.name, "index.js")) as () => Record<string, unknown>;
    return runProgram(program, stackRunOptions(example.projectDir, stack, example.secrets[stack] ?? {}));
}

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
            const { graph, warnings } = await runExample(examples[0], "dev");
            assert.deepStrictEqual(graph.ofType("docker:index/container:Container").map((c) => c.name).sort(), ["api-0", "api-1", "cache-0", "web-0"]);
            assert.deepStrictEqual(graph.inputs("docker:index/container:Container", "web-0").ports, [{ internal: 8080, external: 8080, ip: "127.0.0.1", protocol: "tcp" }]);
            assert.match(warnings.join("\n"), /AutoscalingPolicy "api-scaling": app "api" runs 2 container\(s\)/);
        });

        it("shop prod runs on Kubernetes: 3 Deployments, the api's without replicas, an HPA and an Ingress", async () => {
            const { graph } = await runExample(examples[0], "prod");
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
            const dev = (await runExample(examples[3], "dev")).graph;
            const staging = await runExample(examples[3], "staging");
            const prod = (await runExample(examples[3], "prod")).graph;
            assert.strictEqual(dev.ofType("docker:index/container:Container").length, 1);
            assert.strictEqual(staging.graph.inputs("kubernetes:apps/v1:Deployment", "storefront").spec.replicas, 2);
            assert.deepStrictEqual(staging.warnings, [], "a complete app passes staging's checks without warnings");
            assert.strictEqual(prod.inputs("kubernetes:policy/v1:PodDisruptionBudget", "storefront-scaling").spec.minAvailable, 2);
            assert.strictEqual(prod.inputs("kubernetes:apps/v1:Deployment", "storefront").metadata.labels["cost-center"], "store");
        });

        it("web-redis keeps the cache's data on a named volume", async () => {
            const { graph } = await runExample(examples[2], "dev");
            assert.strictEqual(graph.inputs("docker:index/volume:Volume", "cache-data").name, "web-redis-cache-data");
        });
    });
});
