import * as assert from "assert";
import { execFile } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { fieldsAppliedByPulumi, KubeApi, waitFor } from "./kubernetes-api";
import { LocalCluster } from "./kubernetes-cluster";
import { changes, creates, leakedSecrets } from "./kubernetes-preview";
import { E2EStack } from "./stack";
import { repoRoot, runScript, useBuiltTools } from "./tools";

/**
 * berth from another language, for real: `pulumi package get-schema` runs the
 * provider plugin (provider/, through the Node.js language host's RunPlugin),
 * and the Pulumi YAML program in examples/yaml-consumer (YAML language host
 * built by tools/pulumi-yaml/build) previews, applies and destroys the shop on
 * the API server of tools/cluster. Needs `npm run build` (dist/provider) and
 * tools/bootstrap.
 */

const execFileAsync = promisify(execFile);
const yamlConsumer = path.join(repoRoot, "examples", "yaml-consumer");
const namespace = "yaml-shop";

let cluster: LocalCluster | undefined;
let api: KubeApi;

/** Runs the Pulumi CLI; rejects with its stderr. */
async function pulumi(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
    try {
        const { stdout } = await execFileAsync("pulumi", args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
        return stdout;
    } catch (error) {
        const { stderr, stdout } = error as { stderr?: string; stdout?: string };
        throw new Error(`pulumi ${args.join(" ")} failed:\n${stderr ?? ""}\n${stdout ?? ""}`);
    }
}

/**
 * A schema as the CLI prints it: it parses the provider's schema into its
 * PackageSpec and writes it back, so empty lists and maps (`requiredInputs: []`,
 * `dependencies: []`, `config: {}`) are left out and keys are reordered.
 */
function comparable(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(comparable);
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
        const item = (value as Record<string, unknown>)[key];
        const empty = (Array.isArray(item) && item.length === 0) || (typeof item === "object" && item !== null && Object.keys(item).length === 0);
        if (!empty) {
            out[key] = comparable(item);
        }
    }
    return out;
}

/** Where a secret (or its base64) appears in an exported state: `<resource urn> <property path>`. */
function plaintextPaths(state: { deployment?: { resources?: Array<{ urn: string }> } }, secret: string): string[] {
    const forms = [secret, Buffer.from(secret).toString("base64")];
    const found: string[] = [];
    const walk = (value: unknown, where: string): void => {
        if (typeof value === "string") {
            if (forms.some((form) => value.includes(form))) {
                found.push(where);
            }
        } else if (Array.isArray(value)) {
            value.forEach((item, index) => walk(item, `${where}[${index}]`));
        } else if (typeof value === "object" && value !== null) {
            for (const [key, item] of Object.entries(value)) {
                walk(item, `${where}.${key}`);
            }
        }
    };
    for (const resource of state.deployment?.resources ?? []) {
        walk(resource, resource.urn);
    }
    return found.length > 0 ? found : ["(outside the resources)"];
}

/** Waits until no namespace of the example is left from an earlier run (one being deleted gets the time to go). */
async function namespaceGone(timeoutMs: number): Promise<void> {
    const ns = await api.get("Namespace", namespace);
    assert.ok(ns === undefined || ns.metadata.deletionTimestamp, `namespace ${namespace} exists already: a previous run left it behind`);
    await waitFor(`namespace ${namespace} to be gone`, timeoutMs, async () => ((await api.get("Namespace", namespace)) === undefined ? true : undefined));
}

describe("berth from other languages through its component provider", function () {
    before(function () {
        useBuiltTools();
        assert.ok(fs.existsSync(path.join(repoRoot, "dist", "provider", "main.js")), "dist/provider/main.js is missing: run npm run build first");
        const yamlBin = runScript("tools/pulumi-yaml/build", []).trim().split("\n").pop()!;
        process.env.PATH = `${yamlBin}${path.delimiter}${process.env.PATH}`;
    });

    after(function () {
        cluster?.stopIfStartedHere();
    });

    it("pulumi package get-schema ./provider prints the golden schema", async () => {
        let printed: string;
        try {
            printed = await pulumi(["package", "get-schema", "./provider"], repoRoot);
        } catch (error) {
            const message = (error as Error).message;
            if (/RunPlugin not implemented/.test(message)) {
                assert.fail(`the Node.js language host on PATH cannot run plugins (its RunPlugin is unimplemented), so no component provider written in TypeScript can start:\n${message}`);
            }
            throw error;
        }
        const golden = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.golden.json"), "utf8"));
        assert.deepStrictEqual(comparable(JSON.parse(printed)), comparable(golden));
    });

    describe("examples/yaml-consumer on Kubernetes", function () {
        this.bail(true);
        const token = `e2e-yaml-token-${randomBytes(12).toString("hex")}`;
        let stack: E2EStack;

        before(async function () {
            cluster = LocalCluster.ensure();
            api = KubeApi.fromKubeconfig(cluster.kubeconfig);
            await namespaceGone(180_000);
            stack = await E2EStack.create(yamlConsumer, "kubernetes", {
                "berth-yaml-consumer:apiToken": { value: token, secret: true },
                "berth:skipAwait": { value: "true" },
                "kubernetes:kubeconfig": { value: cluster.kubeconfig },
            });
        });

        after(async function () {
            await stack?.dispose();
        });

        it("preview lists the components and the Kubernetes objects they declare as creates", async () => {
            const preview = await stack.previewJson();
            assert.deepStrictEqual(creates(preview), [
                "berth:index:AppConfig::web-config",
                "berth:index:AppNetwork::yaml-shop",
                "berth:index:ContainerApp::web",
                "kubernetes:apps/v1:Deployment::web",
                "kubernetes:autoscaling/v2:HorizontalPodAutoscaler::web",
                "kubernetes:core/v1:ConfigMap::web-config",
                "kubernetes:core/v1:Namespace::yaml-shop",
                "kubernetes:core/v1:Secret::web-config-secret",
                "kubernetes:core/v1:Service::web",
                "kubernetes:core/v1:Service::web-public",
                "kubernetes:networking.k8s.io/v1:NetworkPolicy::web-allow",
                "kubernetes:networking.k8s.io/v1:NetworkPolicy::yaml-shop-default-deny",
            ]);
        });

        it("up creates them, and the components' outputs reach the YAML program", async () => {
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            assert.strictEqual(result.outputs.networkName.value, namespace);
            assert.strictEqual(result.outputs.address.value, `web.${namespace}.svc:8080`);
            assert.match(result.outputs.configHash.value, /^[0-9a-f]{64}$/);
        });

        it("the objects are in the API server as the TypeScript components declare them", async () => {
            const configMap = await api.mustGet("ConfigMap", "web-config", namespace);
            assert.deepStrictEqual(configMap.data, { LOG_LEVEL: "info", "app.yaml": "greeting: hello\n" });
            const secret = await api.mustGet("Secret", "web-config", namespace);
            assert.strictEqual(Buffer.from(secret.data!.API_TOKEN, "base64").toString(), token);

            // The app's autoscaling arg: the autoscaler owns the count, so the Deployment was sent without one.
            const autoscaler = await api.mustGet("HorizontalPodAutoscaler", "web", namespace);
            assert.deepStrictEqual([autoscaler.spec.minReplicas, autoscaler.spec.maxReplicas], [1, 3]);
            assert.deepStrictEqual(autoscaler.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "web" });
            const deployment = await api.mustGet("Deployment", "web", namespace);
            assert.ok(!("f:replicas" in (fieldsAppliedByPulumi(deployment)["f:spec"] as object)), "Pulumi applied spec.replicas beside the autoscaler");
            const pod = deployment.spec.template;
            assert.match(pod.metadata.annotations["berth.dev/config-hash"], /^[0-9a-f]{64}$/);
            const [container] = pod.spec.containers;
            assert.strictEqual(container.image, "registry.example.com/shop/web:1.4.2@sha256:4dbb1efc9c4f883128bd77839566dafbc05d0e2fb4af6ce1172b68170b1d57d9");
            assert.deepStrictEqual(container.resources, { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } });
            const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
            assert.deepStrictEqual(env.MODE, { name: "MODE", value: "prod" });
            // The token is a file of the config's directory (secretsAsFiles), never an env var.
            assert.strictEqual(env.API_TOKEN, undefined);
            const configVolume = pod.spec.volumes.find((v: { name: string }) => v.name === "config-0");
            assert.deepStrictEqual(configVolume.projected.sources.map((s: Record<string, { name: string }>) => Object.keys(s)[0]), ["configMap", "secret"]);

            const policies = (await api.list("NetworkPolicy", namespace)).map((p) => p.metadata.name).sort();
            assert.deepStrictEqual(policies, ["default-deny-ingress", "web-allow"]);
        });

        it("a second preview changes nothing", async () => {
            assert.deepStrictEqual(changes(await stack.previewJson()), {});
        });

        it("no secret is in plaintext in the stack's state", async () => {
            const state = await stack.exportedState();
            if (leakedSecrets(state, [token]).length > 0) {
                assert.fail(`the API token is in plaintext in the state at: ${plaintextPaths(JSON.parse(state), token).join(", ")}`);
            }
        });

        it("destroy removes every object", async () => {
            const result = await stack.stack.destroy({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            // Without kube-controller-manager a deleted namespace stays Terminating: deleted is enough.
            const ns = await api.get("Namespace", namespace);
            assert.ok(ns === undefined || ns.metadata.deletionTimestamp, `namespace ${namespace} is still there`);
            for (const kind of ["Deployment", "HorizontalPodAutoscaler", "Service", "ConfigMap", "Secret", "NetworkPolicy"] as const) {
                const left = (await api.list(kind, namespace)).filter((o) => !o.metadata.deletionTimestamp && o.metadata.name !== "kube-root-ca.crt");
                assert.deepStrictEqual(left.map((o) => o.metadata.name), [], `${kind}s left in ${namespace}`);
            }
        });
    });
});
