import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { isSecretMarker, resolveOutput, runProgram } from "../components/testing";
import { apiToken, dbPassword, onTarget } from "./programs";

/** Every place a secret may go: config secrets, secret-valued config values and files, secret app env. */
function secretEverywhere() {
    const net = new berth.AppNetwork("shop", {});
    const cfg = new berth.AppConfig("web-config", {
        network: net,
        files: { "app.yaml": "plain: yes\n", "db.conf": pulumi.secret(`password=${dbPassword}`) },
        values: { LOG_LEVEL: "info", DB_PASSWORD: pulumi.secret(dbPassword) },
        secrets: { API_TOKEN: apiToken },
    });
    const web = new berth.ContainerApp("web", {
        network: net,
        image: "web:1",
        ports: [{ port: 8080 }],
        env: { MODE: "prod", SESSION_KEY: pulumi.secret(apiToken + "-session") },
        configs: [{ config: cfg, mountPath: "/etc/web" }],
    });
    return { cfg, web };
}

for (const target of ["docker", "kubernetes"]) {
    describe(`Secrets on ${target}`, () => {
        it("never appear in plaintext in any child resource input", async () => {
            const { graph } = await runProgram(secretEverywhere, onTarget(target));
            assert.ok(graph.resources.length > 3);
            assert.deepStrictEqual(graph.plaintextLeaks([apiToken, dbPassword]), []);
        });

        it("are sent to the engine marked secret", async () => {
            const { graph } = await runProgram(secretEverywhere, onTarget(target));
            const holders = graph.resources.filter((r) => JSON.stringify(r.inputs).includes(apiToken));
            assert.ok(holders.length > 0, "the secret must reach some resource");
            for (const holder of holders) {
                const marked = JSON.stringify(holder.inputs, (_key, value) => (isSecretMarker(value) ? "[secret]" : value));
                assert.ok(!marked.includes(apiToken), `${holder.type} ${holder.name} holds the secret outside a secret marker`);
            }
        });

        it("leave no plaintext in component outputs, and the config hash reveals nothing", async () => {
            const { result } = await runProgram(secretEverywhere, onTarget(target));
            for (const output of [result.cfg.hash, result.web.url, result.web.address, result.web.host, result.web.resourceNames]) {
                const { value, secret } = await resolveOutput<unknown>(output);
                const text = JSON.stringify(value) ?? "";
                assert.ok(secret || (!text.includes(apiToken) && !text.includes(dbPassword)));
            }
        });
    });
}

describe("Secrets on Kubernetes", () => {
    it("go to Secrets referenced by key, never to a ConfigMap, a label, an annotation or a plain env var", async () => {
        const { graph } = await runProgram(secretEverywhere, onTarget("kubernetes"));
        const configMap = graph.inputs("kubernetes:core/v1:ConfigMap", "web-config");
        assert.deepStrictEqual(Object.keys(configMap.data), ["LOG_LEVEL", "app.yaml"]);
        const env = graph.inputs("kubernetes:apps/v1:Deployment", "web").spec.template.spec.containers[0].env;
        assert.deepStrictEqual(env.find((e: { name: string }) => e.name === "SESSION_KEY"), {
            name: "SESSION_KEY",
            valueFrom: { secretKeyRef: { name: "web-env", key: "SESSION_KEY" } },
        });
        assert.deepStrictEqual(env.find((e: { name: string }) => e.name === "DB_PASSWORD"), {
            name: "DB_PASSWORD",
            valueFrom: { secretKeyRef: { name: "web-config", key: "DB_PASSWORD" } },
        });
        assert.ok(isSecretMarker(graph.get("kubernetes:core/v1:Secret", "web-env").inputs.stringData));
    });
});

describe("Secrets on Docker", () => {
    it("keep the whole env list and the uploads holding a secret file secret in state", async () => {
        const { graph } = await runProgram(secretEverywhere, onTarget("docker"));
        const container = graph.get("docker:index/container:Container", "web-0").inputs as Record<string, unknown>;
        // Pulumi marks a whole top-level property secret when any part of it is.
        assert.ok(isSecretMarker(container.envs));
        assert.ok(isSecretMarker(container.uploads));
        const uploads = graph.inputs("docker:index/container:Container", "web-0").uploads as Array<{ file: string; content: string }>;
        assert.deepStrictEqual(uploads.map((u) => u.file), ["/etc/web/app.yaml", "/etc/web/db.conf"]);
    });
});
