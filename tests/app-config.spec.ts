import * as assert from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { isSecretMarker, resolveOutput, runProgram } from "../components/testing";
import { apiToken, onTarget, runShop, shop } from "./programs";

describe("AppConfig", () => {
    describe("on Kubernetes", () => {
        it("puts files and values in a ConfigMap and secrets in a Secret, in the network's namespace", async () => {
            const { graph } = await runShop("kubernetes");
            const configMap = graph.inputs("kubernetes:core/v1:ConfigMap", "web-config");
            assert.deepStrictEqual(configMap.data, { LOG_LEVEL: "info", "app.yaml": "greeting: hello\n" });
            assert.strictEqual(configMap.metadata.namespace, "shop");
            const secret = graph.get("kubernetes:core/v1:Secret", "web-config-secret");
            assert.ok(isSecretMarker(secret.inputs.stringData), "stringData must be sent as a secret");
            assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:Secret", "web-config-secret").stringData, { API_TOKEN: apiToken });
        });

        it("keeps a value that is a Pulumi secret out of the ConfigMap", async () => {
            const { graph } = await runProgram(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.AppConfig("c", { network: net, values: { PLAIN: "x", HIDDEN: pulumi.secret("hidden-value") }, files: { "key.pem": pulumi.secret("pem-body") } });
            }, onTarget("kubernetes"));
            assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:ConfigMap", "c").data, { PLAIN: "x" });
            assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:Secret", "c-secret").stringData, { HIDDEN: "hidden-value", "key.pem": "pem-body" });
        });

        it("creates no Secret when there are no secrets", async () => {
            const { graph } = await runProgram(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.AppConfig("c", { network: net, values: { A: "1" } });
            }, onTarget("kubernetes"));
            assert.strictEqual(graph.ofType("kubernetes:core/v1:Secret").length, 0);
        });

        it("warns, with the commands to run, when the stack lets the provider replace a changed ConfigMap or Secret", async () => {
            const { warnings } = await runShop("kubernetes");
            assert.deepStrictEqual(
                warnings.filter((w) => w.includes("enable")),
                [
                    'AppConfig "web-config": kubernetes:enableConfigMapMutable and kubernetes:enableSecretMutable not set to "true", so a change to this config ' +
                        "replaces its ConfigMap and Secret and the Deployments that use it (downtime); set them on this stack: " +
                        "pulumi config set kubernetes:enableConfigMapMutable true; pulumi config set kubernetes:enableSecretMutable true",
                ],
            );
        });

        it("names only the missing setting, and says nothing once both are set or the provider is explicit", async () => {
            const configMapOnly = await runProgram(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.AppConfig("c", { network: net, values: { A: "1" } });
            }, onTarget("kubernetes", { "kubernetes:enableSecretMutable": "true" }));
            assert.deepStrictEqual(configMapOnly.warnings.filter((w) => w.includes("enable")).map((w) => w.split(",")[0]), [
                'AppConfig "c": kubernetes:enableConfigMapMutable not set to "true"',
            ]);
            const bothSet = await runProgram(() => shop(), onTarget("kubernetes", { "kubernetes:enableConfigMapMutable": "true", "kubernetes:enableSecretMutable": "true" }));
            assert.deepStrictEqual(bothSet.warnings.filter((w) => w.includes("enable")), []);
            const explicit = await runProgram(() => {
                const provider = new k8s.Provider("cluster", {});
                const net = new berth.AppNetwork("shop", {}, { providers: [provider] });
                new berth.AppConfig("c", { network: net, values: { A: "1" } }, { providers: [provider] });
            }, onTarget("kubernetes"));
            assert.deepStrictEqual(explicit.warnings.filter((w) => w.includes("enable")), []);
        });
    });

    describe("on Docker", () => {
        it("creates no resource of its own: files and values go into the containers that use it", async () => {
            const { graph } = await runShop("docker");
            const children = graph.resources.filter((r) => !r.type.startsWith("berth:") && r.name.startsWith("web-config"));
            assert.deepStrictEqual(children, []);
            const container = graph.inputs("docker:index/container:Container", "web-0");
            assert.deepStrictEqual(container.uploads, [{ file: "/etc/web/app.yaml", content: "greeting: hello\n" }]);
            assert.ok(container.envs.includes("LOG_LEVEL=info"));
            assert.ok(container.envs.includes(`API_TOKEN=${apiToken}`));
        });
    });

    describe("hash", () => {
        async function hashOf(values: Record<string, string>, secrets: Record<string, string>, files: Record<string, string> = {}) {
            const { result } = await runProgram(() => {
                const net = new berth.AppNetwork("shop", {});
                return new berth.AppConfig("c", { network: net, values, secrets, files });
            }, onTarget("kubernetes"));
            return resolveOutput(result.hash);
        }

        it("is stable for the same content", async () => {
            assert.strictEqual((await hashOf({ A: "1" }, { S: "x" })).value, (await hashOf({ A: "1" }, { S: "x" })).value);
        });

        it("changes when a value, a file or a secret changes", async () => {
            const base = (await hashOf({ A: "1" }, { S: "x" }, { f: "1" })).value;
            assert.notStrictEqual((await hashOf({ A: "2" }, { S: "x" }, { f: "1" })).value, base);
            assert.notStrictEqual((await hashOf({ A: "1" }, { S: "y" }, { f: "1" })).value, base);
            assert.notStrictEqual((await hashOf({ A: "1" }, { S: "x" }, { f: "2" })).value, base);
        });

        it("is not a secret itself, and is not a plain digest of the secret", async () => {
            const crypto = await import("crypto");
            const { value, secret } = await hashOf({}, { S: "hunter2" });
            assert.strictEqual(secret, false);
            const naive = crypto.createHash("sha256").update("hunter2").digest("hex");
            assert.ok(!value.includes(naive));
            assert.match(value, /^[0-9a-f]{64}$/);
        });
    });
});
