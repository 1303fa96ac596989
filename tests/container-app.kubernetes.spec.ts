import * as assert from "assert";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import { onTarget, runShop } from "./programs";

const deployment = "kubernetes:apps/v1:Deployment";
const service = "kubernetes:core/v1:Service";
const policy = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

describe("ContainerApp on Kubernetes", () => {
    it("creates a Deployment whose pods carry the app's labels and one container", async () => {
        const { graph } = await runShop("kubernetes", { replicas: 2 });
        const d = graph.inputs(deployment, "web");
        assert.strictEqual(d.metadata.namespace, "shop");
        assert.strictEqual(d.spec.replicas, 2);
        assert.deepStrictEqual(d.spec.selector.matchLabels, { "app.kubernetes.io/name": "web" });
        assert.strictEqual(d.spec.template.metadata.labels["app.kubernetes.io/part-of"], "shop");
        assert.strictEqual(d.spec.template.spec.containers.length, 1);
        assert.strictEqual(d.spec.template.spec.containers[0].image, "registry.example.com/shop/web:1.4.2@sha256:4dbb1efc9c4f883128bd77839566dafbc05d0e2fb4af6ce1172b68170b1d57d9");
    });

    it("rolls out keeping every old pod until its replacement is ready", async () => {
        const { graph } = await runShop("kubernetes");
        assert.deepStrictEqual(graph.inputs(deployment, "web").spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    });

    it("turns the health check into a readiness probe and a more tolerant liveness probe", async () => {
        const { graph } = await runShop("kubernetes");
        const container = graph.inputs(deployment, "web").spec.template.spec.containers[0];
        const expected = { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, initialDelaySeconds: 0 };
        assert.deepStrictEqual(container.readinessProbe, expected);
        assert.deepStrictEqual(container.livenessProbe, { ...expected, failureThreshold: 6 });
        assert.strictEqual(container.startupProbe, undefined);
    });

    it("sets requests and limits as canonical quantities", async () => {
        const { graph } = await runShop("kubernetes", { webArgs: { resources: { requests: { cpu: "0.25", memory: "1024Mi" }, limits: { cpu: "1000m" } } } });
        assert.deepStrictEqual(graph.inputs(deployment, "web").spec.template.spec.containers[0].resources, {
            requests: { cpu: "250m", memory: "1Gi" },
            limits: { cpu: "1" },
        });
    });

    it("runs secure by default, with an emptyDir /tmp under the read-only root", async () => {
        const { graph } = await runShop("kubernetes");
        const pod = graph.inputs(deployment, "web").spec.template.spec;
        assert.deepStrictEqual(pod.containers[0].securityContext, {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.strictEqual(pod.automountServiceAccountToken, false);
        assert.ok(pod.volumes.some((v: { name: string; emptyDir?: object }) => v.name === "tmp" && v.emptyDir));
    });

    it("exposes ports on a ClusterIP Service and published ports on a LoadBalancer Service", async () => {
        const { graph, result } = await runShop("kubernetes");
        assert.deepStrictEqual(graph.inputs(service, "web").spec, {
            type: "ClusterIP",
            selector: { "app.kubernetes.io/name": "web" },
            ports: [{ name: "http", port: 8080, targetPort: 8080, protocol: "TCP" }],
        });
        assert.strictEqual(graph.inputs(service, "web-public").spec.type, "LoadBalancer");
        assert.strictEqual((await resolveOutput(result.web.address)).value, "web.shop.svc:8080");
    });

    it("keeps published ports reachable through the default deny", async () => {
        const { graph } = await runShop("kubernetes");
        assert.deepStrictEqual(graph.inputs(policy, "web-allow").spec.ingress, [{ ports: [{ port: 8080, protocol: "TCP" }] }]);
    });

    it("allows the apps named in allowFrom, on the app's ports", async () => {
        const { graph } = await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("api", { network: net, image: "api:1", ports: [{ name: "http", port: 9000 }], allowFrom: ["web"] });
            new berth.ContainerApp("web", { network: net, image: "web:1" });
        }, onTarget("kubernetes"));
        assert.deepStrictEqual(graph.inputs(policy, "api-allow").spec, {
            podSelector: { matchLabels: { "app.kubernetes.io/name": "api" } },
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } } }], ports: [{ port: 9000, protocol: "TCP" }] }],
        });
    });

    it("creates no allow policy for an app nobody may reach", async () => {
        const { graph } = await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("worker", { network: net, image: "w:1", ports: [{ port: 9000 }] });
        }, onTarget("kubernetes"));
        assert.strictEqual(graph.ofType(policy).filter((p) => p.name === "worker-allow").length, 0);
    });

    it("creates an Ingress when asked, with TLS, and reports its URL", async () => {
        const { graph, result } = await runShop("kubernetes", {
            webArgs: { ingress: { host: "shop.example.com", port: "http", tlsSecretName: "shop-tls", className: "nginx" } },
        });
        const ingress = graph.inputs("kubernetes:networking.k8s.io/v1:Ingress", "web");
        assert.strictEqual(ingress.spec.ingressClassName, "nginx");
        assert.deepStrictEqual(ingress.spec.tls, [{ hosts: ["shop.example.com"], secretName: "shop-tls" }]);
        assert.deepStrictEqual(ingress.spec.rules[0].http.paths[0].backend, { service: { name: "web", port: { name: "http" } } });
        assert.strictEqual((await resolveOutput(result.web.url)).value, "https://shop.example.com/");
    });

    it("mounts config files from the ConfigMap and takes values from its keys", async () => {
        const { graph } = await runShop("kubernetes");
        const pod = graph.inputs(deployment, "web").spec.template.spec;
        const container = pod.containers[0];
        assert.deepStrictEqual(container.env, [
            { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "web-config", key: "API_TOKEN" } } },
            { name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: "web-config", key: "LOG_LEVEL" } } },
            { name: "MODE", value: "prod" },
        ]);
        assert.deepStrictEqual(pod.volumes[0], {
            name: "config-0",
            projected: { sources: [{ configMap: { name: "web-config", items: [{ key: "app.yaml", path: "app.yaml" }] } }] },
        });
        assert.deepStrictEqual(container.volumeMounts[0], { name: "config-0", mountPath: "/etc/web", readOnly: true });
    });

    it("uses an emptyDir for an ephemeral volume (an app with a persistent one is a StatefulSet: tests/stateful-apps.spec.ts)", async () => {
        const { graph } = await runShop("kubernetes", { webArgs: { volumes: [{ name: "cache", mountPath: "/cache" }] } });
        const volumes = graph.inputs(deployment, "web").spec.template.spec.volumes;
        assert.ok(volumes.some((v: { name: string; emptyDir?: object }) => v.name === "volume-cache" && v.emptyDir));
        assert.strictEqual(graph.ofType("kubernetes:apps/v1:StatefulSet").length, 0);
    });

    it("warns that a restart policy other than always is not available", async () => {
        const { warnings } = await runShop("kubernetes", { webArgs: { restartPolicy: "never" } });
        assert.match(warnings.join("\n"), /ContainerApp "web" restartPolicy "never": Restart policy is not available on kubernetes/);
    });

    it("lists the objects it created", async () => {
        const { result } = await runShop("kubernetes");
        assert.deepStrictEqual((await resolveOutput(result.web.resourceNames)).value, [
            "Deployment/web",
            "NetworkPolicy/web-allow",
            "Service/web",
            "Service/web-public",
        ]);
    });

    it("marks its objects skipAwait when the app asks for it", async () => {
        const { graph } = await runShop("kubernetes", { webArgs: { skipAwait: true } });
        assert.deepStrictEqual(graph.inputs(deployment, "web").metadata.annotations, { "pulumi.com/skipAwait": "true" });
        assert.deepStrictEqual(graph.inputs(service, "web").metadata.annotations, { "pulumi.com/skipAwait": "true" });
    });
});
