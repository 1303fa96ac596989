import * as assert from "assert";
import * as berth from "../components";
import { runProgram } from "../components/testing";
import { errorOf, onTarget, shop } from "./programs";
import { mutableImageProblem, unpinnedImageProblem } from "../shared/image-tags";

const prod = onTarget("kubernetes", { "berth:tier": "prod" });

function bareApp(args: Partial<berth.ContainerAppArgs> = {}) {
    const net = new berth.AppNetwork("shop", {});
    return new berth.ContainerApp("web", { network: net, image: "web", ...args } as berth.ContainerAppArgs);
}

describe("Tiers", () => {
    it("prod refuses an app without a health check, without limits and with an image not pinned by digest, all at once", async () => {
        const error = await errorOf(() => bareApp({ replicas: 2, image: "registry.example.com/shop/web:1.4.2" }), prod);
        assert.strictEqual(
            error.message,
            'ContainerApp "web": image "registry.example.com/shop/web:1.4.2" must be pinned by digest, as registry.example.com/shop/web:1.4.2@sha256:<digest> ' +
                "(a registry can move a tag; `docker buildx imagetools inspect registry.example.com/shop/web:1.4.2` prints the digest) in a prod stack; " +
                "healthCheck is required in a prod stack; resources.limits is required (cpu and/or memory) in a prod stack",
        );
    });

    it("staging warns about an image not pinned by digest", async () => {
        const { warnings } = await runProgram(() => bareApp({ image: "web:1.4.2" }), onTarget("kubernetes", { "berth:tier": "staging" }));
        assert.match(warnings.join("\n"), /ContainerApp "web": image "web:1.4.2" must be pinned by digest, as web:1.4.2@sha256:<digest> .* in a staging stack/);
    });

    it("prod warns about secrets handed to the app as env vars, and not about secrets delivered as files", async () => {
        const asEnv = await runProgram(() => shop({ replicas: 2 }), prod);
        assert.match(asEnv.warnings.join("\n"), /ContainerApp "web": env API_TOKEN holds a secret in a prod stack: .*configs\[\]\.secretsAsFiles/);
        const asFiles = await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            const config = new berth.AppConfig("web-config", { network: net, values: { LOG_LEVEL: "info" }, secrets: { API_TOKEN: "token" } });
            return new berth.ContainerApp("web", {
                network: net,
                image: "registry.example.com/shop/web:1.4.2@sha256:" + "0".repeat(64),
                configs: [{ config, mountPath: "/etc/web", secretsAsFiles: true }],
                healthCheck: { tcp: { port: 8080 } },
                resources: { limits: { memory: "128Mi" } },
                replicas: 2,
            });
        }, prod);
        assert.deepStrictEqual(asFiles.warnings.filter((w) => /secret/i.test(w) && !/enableSecretMutable/.test(w)), []);
        const container = asFiles.graph.inputs("kubernetes:apps/v1:Deployment", "web").spec.template.spec.containers[0];
        assert.deepStrictEqual(container.env, [{ name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: "web-config", key: "LOG_LEVEL" } } }]);
    });

    it("prod refuses fewer than 2 replicas", async () => {
        const error = await errorOf(() => shop({ replicas: 1 }), prod);
        assert.match(error.message, /ContainerApp "web": replicas must be at least 2 \(got 1\) in a prod stack/);
    });

    it("prod refuses an autoscaler with minReplicas below 2, naming the policy", async () => {
        const error = await errorOf(() => shop({ replicas: 3, autoscale: true }), prod);
        assert.match(error.message, /AutoscalingPolicy "web-scaling": minReplicas must be at least 2 \(got 1\) in a prod stack/);
    });

    it("prod accepts a complete app", async () => {
        const { graph } = await runProgram(() => shop({ replicas: 2 }), prod);
        assert.strictEqual(graph.ofType("kubernetes:apps/v1:Deployment").length, 1);
    });

    it("staging reports the same problems as warnings", async () => {
        const { warnings } = await runProgram(() => bareApp(), onTarget("kubernetes", { "berth:tier": "staging" }));
        assert.match(warnings.join("\n"), /ContainerApp "web": healthCheck is required in a staging stack/);
        assert.match(warnings.join("\n"), /ContainerApp "web": replicas must be at least 2 \(got 1\) in a staging stack/);
    });

    it("dev relaxes them all", async () => {
        const { warnings } = await runProgram(() => bareApp(), onTarget("docker", { "berth:tier": "dev" }));
        assert.deepStrictEqual(warnings, []);
    });

    it("an unknown tier fails naming the stack and the key", async () => {
        const error = await errorOf(() => bareApp(), onTarget("docker", { "berth:tier": "production" }));
        assert.strictEqual(error.message, 'stack "test": config key "berth:tier" must be "dev", "staging" or "prod"');
    });

    describe("images pinned by digest", () => {
        const cases: Array<[string, boolean]> = [
            ["web:1.4.2", false],
            ["web@sha256:" + "0".repeat(64), true],
            ["registry.example.com:5000/shop/web:1.4.2@sha256:" + "ab".repeat(32), true],
            ["web@sha256:" + "0".repeat(63), false],
            ["web@sha256:" + "A".repeat(64), false],
        ];
        for (const [image, pinned] of cases) {
            it(`${image} is ${pinned ? "" : "not "}pinned by digest`, () => assert.strictEqual(unpinnedImageProblem(image) === undefined, pinned));
        }
    });

    describe("mutable images", () => {
        const cases: Array<[string, boolean]> = [
            ["web", true],
            ["web:latest", true],
            ["registry.example.com:5000/shop/web", true],
            ["registry.example.com:5000/shop/web:1.4.2", false],
            ["web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false],
        ];
        for (const [image, mutable] of cases) {
            it(`${image} is ${mutable ? "mutable" : "pinned"}`, () => assert.strictEqual(mutableImageProblem(image) !== undefined, mutable));
        }
    });
});

describe("Stack defaults", () => {
    const defaults = JSON.stringify({
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        labels: { team: "shop", tier: "web" },
        security: { runAsUser: 10001, runAsGroup: 10001 },
    });

    it("fill every app's resources, labels and security settings", async () => {
        const { graph } = await runProgram(() => bareApp(), onTarget("kubernetes", { "berth:defaults": defaults }));
        const d = graph.inputs("kubernetes:apps/v1:Deployment", "web");
        const container = d.spec.template.spec.containers[0];
        assert.deepStrictEqual(container.resources, { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } });
        assert.strictEqual(d.metadata.labels.team, "shop");
        assert.strictEqual(container.securityContext.runAsUser, 10001);
    });

    it("are overridden by the app, field by field", async () => {
        const { graph } = await runProgram(
            () => bareApp({ resources: { requests: { cpu: "2" } }, labels: { tier: "api" }, security: { runAsUser: 20000 } }),
            onTarget("kubernetes", { "berth:defaults": defaults }),
        );
        const d = graph.inputs("kubernetes:apps/v1:Deployment", "web");
        const container = d.spec.template.spec.containers[0];
        assert.deepStrictEqual(container.resources.requests, { cpu: "2", memory: "128Mi" });
        assert.strictEqual(d.metadata.labels.tier, "api");
        assert.strictEqual(d.metadata.labels.team, "shop");
        assert.strictEqual(container.securityContext.runAsUser, 20000);
        assert.strictEqual(container.securityContext.runAsGroup, 10001);
    });

    it("a bad defaults value fails naming the stack, the key and the field", async () => {
        const error = await errorOf(() => bareApp(), onTarget("kubernetes", { "berth:defaults": JSON.stringify({ resource: {} }) }));
        assert.strictEqual(error.message, 'stack "test": config key "berth:defaults" resource is not a known field');
    });
});
