import * as assert from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { fieldsAppliedByPulumi, KubeApi, KubeObject, waitFor } from "./kubernetes-api";
import { LocalCluster } from "./kubernetes-cluster";
import { expectNamespaceAbsent, expectNothingLeft } from "./kubernetes-namespace";
import { changes, creates, diffPaths, keepPreviewFixture, leakedSecrets, previewFixture } from "./kubernetes-preview";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * The flagship shop (prod stack) and examples/multi-env (staging, prod) on
 * Kubernetes, for real: the Pulumi engine and Kubernetes provider built by
 * tools/bootstrap against the API server of tools/cluster. There is no
 * kubelet, so every stack sets berth:skipAwait. Each describe tells one
 * stack's story, step by step; its stack is destroyed and removed in after().
 */

const configHash = "berth.dev/config-hash";
const hashPath = `spec.template.metadata.annotations["${configHash}"]`;
/** How long the namespace controller may take to finish deleting a namespace on this loaded machine. */

let cluster: LocalCluster;
let api: KubeApi;

describe("berth on Kubernetes through the real engine and a local API server", function () {
    before(function () {
        useBuiltTools();
        cluster = LocalCluster.ensure();
        api = KubeApi.fromKubeconfig(cluster.kubeconfig);
    });

    after(function () {
        cluster?.stopIfStartedHere();
    });

    describe("the shop's prod stack", function () {
        stopAtFirstFailure();
        const namespace = "shop";
        const token = `e2e-api-token-${randomBytes(12).toString("hex")}`;
        const rotatedToken = `e2e-rotated-token-${randomBytes(12).toString("hex")}`;
        let stack: E2EStack;
        let deployed: Record<string, KubeObject>;

        before(async function () {
            await expectNamespaceAbsent(api, namespace);
            stack = await E2EStack.create(repoRoot, "prod", {
                "berth-shop:apiToken": { value: token, secret: true },
                "berth:skipAwait": { value: "true" },
                "kubernetes:kubeconfig": { value: cluster.kubeconfig },
            });
        });

        after(async function () {
            await stack?.dispose();
        });

        it("preview lists every object berth declares as a create", async () => {
            const preview = await stack.previewJson();
            assert.deepStrictEqual(
                creates(preview),
                [
                    "berth:index:AppConfig::shop-config",
                    "berth:index:AppNetwork::shop",
                    "berth:index:AutoscalingPolicy::api-scaling",
                    "berth:index:ContainerApp::api",
                    "berth:index:ContainerApp::cache",
                    "berth:index:ContainerApp::web",
                    "kubernetes:apps/v1:Deployment::api",
                    "kubernetes:apps/v1:Deployment::cache",
                    "kubernetes:apps/v1:Deployment::web",
                    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler::api-scaling",
                    "kubernetes:core/v1:ConfigMap::shop-config",
                    "kubernetes:core/v1:Namespace::shop",
                    "kubernetes:core/v1:Secret::shop-config-secret",
                    "kubernetes:core/v1:Service::api",
                    "kubernetes:core/v1:Service::cache",
                    "kubernetes:core/v1:Service::web",
                    "kubernetes:networking.k8s.io/v1:Ingress::web",
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy::api-allow",
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy::api-allow-egress",
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy::cache-allow",
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy::shop-default-deny",
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy::shop-default-deny-egress",
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy::web-allow",
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy::web-allow-egress",
                ],
            );
            assert.deepStrictEqual(new Set(Object.values(changes(preview))), new Set(["create"]));
        });

        it("up creates them", async () => {
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            assert.strictEqual(result.summary.resourceChanges?.create, 25);
            assert.strictEqual(result.outputs.apiAddress.value, "api.shop.svc:8080");
            // The ingress serves the hostname with TLS (berth-shop:tlsSecretName), so the URL is https.
            assert.strictEqual(result.outputs.webUrl.value, "https://shop.example.com/");
        });

        it("the namespace, its network policies, the ConfigMap and the Secret are in the API server as declared", async () => {
            const ns = await api.mustGet("Namespace", namespace);
            assert.strictEqual(ns.metadata.labels?.["app.kubernetes.io/part-of"], "shop");
            assert.strictEqual(ns.metadata.labels?.["app.kubernetes.io/managed-by"], "berth");
            assert.strictEqual(ns.metadata.annotations?.["pulumi.com/skipAwait"], "true");
            for (const mode of ["enforce", "warn", "audit"]) {
                assert.strictEqual(ns.metadata.labels?.[`pod-security.kubernetes.io/${mode}`], "restricted", `Pod Security ${mode}`);
            }

            const policies = await api.list("NetworkPolicy", namespace);
            assert.deepStrictEqual(policies.map((p) => p.metadata.name).sort(), [
                "api-allow",
                "api-allow-egress",
                "cache-allow",
                "default-deny-egress",
                "default-deny-ingress",
                "web-allow",
                "web-allow-egress",
            ]);
            const byName = Object.fromEntries(policies.map((p) => [p.metadata.name, p.spec]));
            assert.deepStrictEqual(byName["default-deny-ingress"], { podSelector: {}, policyTypes: ["Ingress"] });
            const dns = { ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] };
            assert.deepStrictEqual(byName["default-deny-egress"], { podSelector: {}, policyTypes: ["Egress"], egress: [dns] });
            assert.deepStrictEqual(byName["api-allow-egress"].egress, [dns, { to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "cache" } } }] }]);
            assert.deepStrictEqual(byName["web-allow-egress"].egress, [dns, { to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "api" } } }] }]);
            assert.deepStrictEqual(byName["cache-allow"].ingress, [
                { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "api" } } }], ports: [{ port: 6379, protocol: "TCP" }] },
            ]);
            assert.deepStrictEqual(byName["api-allow"].ingress, [
                { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } } }], ports: [{ port: 8080, protocol: "TCP" }] },
            ]);
            // web is behind the ingress: its port admits the ingress controller's namespace, nothing else.
            assert.deepStrictEqual(byName["web-allow"].ingress, [
                { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }], ports: [{ port: 8080, protocol: "TCP" }] },
            ]);

            const configMap = await api.mustGet("ConfigMap", "shop-config", namespace);
            assert.deepStrictEqual(configMap.data, { GREETING: "hello from berth", "shop.conf": "greeting=hello from berth\n" });
            const secret = await api.mustGet("Secret", "shop-config", namespace);
            assert.deepStrictEqual(Object.keys(secret.data ?? {}), ["API_TOKEN"]);
            assert.strictEqual(Buffer.from(secret.data!.API_TOKEN, "base64").toString(), token);
        });

        it("the Deployments run the declared pods; the autoscaled api was sent without spec.replicas and its HPA exists", async () => {
            deployed = {};
            for (const name of ["api", "cache", "web"]) {
                deployed[name] = await api.mustGet("Deployment", name, namespace);
            }
            const applied = (name: string) => fieldsAppliedByPulumi(deployed[name])["f:spec"] as Record<string, unknown>;
            assert.ok(!("f:replicas" in applied("api")), "berth's manifest for the autoscaled api carries no spec.replicas");
            assert.ok("f:replicas" in applied("web") && "f:replicas" in applied("cache"));
            assert.strictEqual(deployed.web.spec.replicas, 3);
            assert.strictEqual(deployed.cache.spec.replicas, 2);

            const hpa = await api.mustGet("HorizontalPodAutoscaler", "api", namespace);
            assert.deepStrictEqual(hpa.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "api" });
            assert.strictEqual(hpa.spec.minReplicas, 2);
            assert.strictEqual(hpa.spec.maxReplicas, 10);
            assert.deepStrictEqual(hpa.spec.metrics, [
                { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
            ]);
            assert.strictEqual(await api.get("PodDisruptionBudget", "api", namespace), undefined, "api-scaling sets no minAvailable");

            const pod = deployed.api.spec.template;
            assert.deepStrictEqual(deployed.api.spec.selector, { matchLabels: { "app.kubernetes.io/name": "api" } });
            assert.strictEqual(pod.metadata.labels.team, "shop");
            assert.match(pod.metadata.annotations[configHash], /^[0-9a-f]{64}$/);
            assert.strictEqual(pod.spec.automountServiceAccountToken, false);
            assert.deepStrictEqual(pod.spec.securityContext, {
                runAsNonRoot: true,
                runAsUser: 10001,
                runAsGroup: 10001,
                fsGroup: 10001,
                fsGroupChangePolicy: "OnRootMismatch",
                seccompProfile: { type: "RuntimeDefault" },
            });
            const [container] = pod.spec.containers;
            assert.strictEqual(container.image, "registry.example.com/shop/api:1.4.2@sha256:d20141dbeaeb24ed0d7bbc855d6b7f7c4bfce46b85d8b851f36ad8a47db7b7d1");
            assert.deepStrictEqual(container.resources, { requests: { cpu: "250m", memory: "128Mi" }, limits: { cpu: "1", memory: "256Mi" } });
            assert.deepStrictEqual(container.securityContext, {
                runAsNonRoot: true,
                runAsUser: 10001,
                runAsGroup: 10001,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
            });
            assert.strictEqual(container.readinessProbe.httpGet.path, "/");
            assert.strictEqual(container.readinessProbe.httpGet.port, 8080);
            assert.deepStrictEqual([container.readinessProbe.failureThreshold, container.livenessProbe.failureThreshold], [3, 6], "liveness is the more tolerant");
            const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
            assert.deepStrictEqual(env.CACHE_ADDRESS, { name: "CACHE_ADDRESS", value: "cache.shop.svc:6379" });
            assert.deepStrictEqual(env.GREETING.valueFrom, { configMapKeyRef: { name: "shop-config", key: "GREETING" } });
            // The token is a file in the config's directory, never an env var.
            assert.strictEqual(env.API_TOKEN, undefined);
            const configVolume = pod.spec.volumes.find((v: { name: string }) => v.name === "config-0");
            assert.deepStrictEqual(configVolume.projected.sources[1].secret, { name: "shop-config", items: [{ key: "API_TOKEN", path: "API_TOKEN" }] });
            assert.deepStrictEqual(
                container.volumeMounts.map((m: { name: string; mountPath: string }) => `${m.name}:${m.mountPath}`).sort(),
                ["config-0:/etc/shop", "tmp:/tmp"],
            );

            // web mounts the config as files only (env: false), but still rolls on its hash.
            const webEnv = deployed.web.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name);
            assert.deepStrictEqual(webEnv, ["API_URL"]);
            assert.ok(deployed.web.spec.template.metadata.annotations[configHash]);
            assert.strictEqual(deployed.cache.spec.template.metadata.annotations?.[configHash], undefined, "cache uses no config");
        });

        it("Services and the Ingress route to the apps", async () => {
            const services = Object.fromEntries((await api.list("Service", namespace)).map((s) => [s.metadata.name, s.spec]));
            assert.deepStrictEqual(Object.keys(services).sort(), ["api", "cache", "web"]);
            for (const [name, port] of [["api", 8080], ["cache", 6379], ["web", 8080]] as const) {
                assert.strictEqual(services[name].type, "ClusterIP");
                assert.deepStrictEqual(services[name].selector, { "app.kubernetes.io/name": name });
                assert.deepStrictEqual(
                    services[name].ports.map((p: { port: number; targetPort: number; protocol: string }) => [p.port, p.targetPort, p.protocol]),
                    [[port, port, "TCP"]],
                );
            }
            const ingress = await api.mustGet("Ingress", "web", namespace);
            assert.deepStrictEqual(ingress.spec.rules, [
                {
                    host: "shop.example.com",
                    http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] },
                },
            ]);
            assert.deepStrictEqual(ingress.spec.tls, [{ hosts: ["shop.example.com"], secretName: "shop-tls" }]);
        });

        it("offers no plain path to web around its TLS ingress: no Service exposes it outside the cluster, no NetworkPolicy admits any source but the ingress controller", async () => {
            const webPod = (await api.mustGet("Deployment", "web", namespace)).spec.template.metadata.labels as Record<string, string>;
            const selects = (selector: Record<string, string> | undefined) => Object.entries(selector ?? {}).every(([key, value]) => webPod[key] === value);
            for (const service of await api.list("Service", namespace)) {
                if (selects(service.spec.selector)) {
                    assert.strictEqual(service.spec.type, "ClusterIP", `Service ${service.metadata.name} reaches web from outside the cluster`);
                    assert.deepStrictEqual(service.spec.externalIPs ?? [], [], `Service ${service.metadata.name} has external IPs`);
                }
            }
            const ingressRules = (await api.list("NetworkPolicy", namespace))
                .filter((p) => selects(p.spec.podSelector.matchLabels) && (p.spec.policyTypes ?? []).includes("Ingress"))
                .flatMap((p) => (p.spec.ingress ?? []).map((rule: { from?: unknown[] }) => ({ policy: p.metadata.name, rule })));
            assert.ok(ingressRules.length > 0, "some policy lets the ingress controller in");
            for (const { policy, rule } of ingressRules) {
                assert.deepStrictEqual(
                    rule.from,
                    [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }],
                    `NetworkPolicy ${policy} admits a source other than the ingress controller`,
                );
            }
            const ingress = await api.mustGet("Ingress", "web", namespace);
            assert.deepStrictEqual(ingress.spec.tls.flatMap((t: { hosts: string[] }) => t.hosts), ingress.spec.rules.map((r: { host: string }) => r.host), "TLS covers every host");
        });

        it("a second preview reports no changes, also once the HPA controller has set the api's replicas", async () => {
            if (cluster.controllersRun) {
                await waitFor("the HPA to scale api to its minReplicas (2)", 120_000, async () =>
                    (await api.get("Deployment", "api", namespace))?.spec.replicas === 2 ? true : undefined,
                );
            }
            assert.deepStrictEqual(changes(await stack.previewJson()), {});
        });

        it("a refresh changes nothing, and the preview after it reports no changes", async () => {
            const refresh = await stack.stack.refresh({ color: "never" });
            assert.deepStrictEqual(nonSame(refresh.summary.resourceChanges), {});
            assert.deepStrictEqual(changes(await stack.previewJson()), {});
        });

        it("a config change updates the ConfigMap in place and rolls api and web through their pod-template annotation", async () => {
            await stack.stack.setConfig("berth-shop:greeting", { value: "hello again" });
            const preview = await stack.previewJson();
            assert.deepStrictEqual(changes(preview), {
                "kubernetes:core/v1:ConfigMap::shop-config": "update",
                "kubernetes:apps/v1:Deployment::api": "update",
                "kubernetes:apps/v1:Deployment::web": "update",
            });
            assert.deepStrictEqual(diffPaths(preview, "kubernetes:core/v1:ConfigMap::shop-config"), ["data.GREETING", 'data["shop.conf"]']);
            assert.deepStrictEqual(diffPaths(preview, "kubernetes:apps/v1:Deployment::api"), [hashPath]);
            assert.deepStrictEqual(diffPaths(preview, "kubernetes:apps/v1:Deployment::web"), [hashPath]);

            const result = await stack.stack.up({ color: "never" });
            assert.deepStrictEqual(nonSame(result.summary.resourceChanges), { update: 3 });
            const configMap = await api.mustGet("ConfigMap", "shop-config", namespace);
            assert.deepStrictEqual(configMap.data, { GREETING: "hello again", "shop.conf": "greeting=hello again\n" });
            for (const name of ["api", "web"]) {
                const after = await api.mustGet("Deployment", name, namespace);
                assert.strictEqual(after.metadata.uid, deployed[name].metadata.uid, `${name} was updated, not replaced`);
                const [before, now] = [deployed[name], after].map((d) => d.spec.template.metadata.annotations[configHash]);
                assert.notStrictEqual(now, before, `${name}'s pod template carries the new hash`);
                assert.match(now, /^[0-9a-f]{64}$/);
                deployed[name] = after;
            }
        });

        it("changing web's replicas updates its Deployment in place", async () => {
            await stack.stack.setConfig("berth-shop:webReplicas", { value: "4" });
            const preview = await stack.previewJson();
            assert.deepStrictEqual(changes(preview), { "kubernetes:apps/v1:Deployment::web": "update" });
            assert.deepStrictEqual(diffPaths(preview, "kubernetes:apps/v1:Deployment::web"), ["spec.replicas"]);
            const result = await stack.stack.up({ color: "never" });
            assert.deepStrictEqual(nonSame(result.summary.resourceChanges), { update: 1 });
            const web = await api.mustGet("Deployment", "web", namespace);
            assert.strictEqual(web.metadata.uid, deployed.web.metadata.uid);
            assert.strictEqual(web.spec.replicas, 4);
        });

        it("no secret value is in the exported state, nor in any ConfigMap in the API server", async () => {
            assert.deepStrictEqual(leakedSecrets(await stack.exportedState(), [token]), []);
            const configMaps = await api.list("ConfigMap", namespace);
            assert.ok(configMaps.some((c) => c.metadata.name === "shop-config"));
            assert.deepStrictEqual(leakedSecrets(JSON.stringify(configMaps), [token]), []);
            // The same search finds the token where it belongs: the test would see a leak.
            assert.deepStrictEqual(leakedSecrets(JSON.stringify(await api.mustGet("Secret", "shop-config", namespace)), [token]), [token]);
        });

        it("a preview with updates and replacements is kept, free of secrets, as berth review's fixture", async () => {
            // The provider's default: Secrets are immutable, so a rotated token replaces the Secret. berth
            // names it, so the engine deletes it before creating it and replaces the api Deployment, which
            // references it by name, with it. Meanwhile the greeting changes (ConfigMap update, web rolls)
            // and web gets a new image.
            await stack.stack.removeConfig("kubernetes:enableSecretMutable");
            await stack.stack.setConfig("berth-shop:apiToken", { value: rotatedToken, secret: true });
            await stack.stack.setConfig("berth-shop:greeting", { value: "hello, rotated" });
            await stack.stack.setConfig("berth-shop:webImage", {
                value: "registry.example.com/shop/web:1.4.3@sha256:2c1f5a0d7e3b9f4a6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b",
            });
            const preview = await stack.previewJson();
            assert.deepStrictEqual(changes(preview), {
                "kubernetes:core/v1:ConfigMap::shop-config": "update",
                "kubernetes:core/v1:Secret::shop-config-secret": "replace",
                "kubernetes:apps/v1:Deployment::api": "replace",
                "kubernetes:apps/v1:Deployment::web": "update",
            });
            const text = JSON.stringify(preview);
            assert.deepStrictEqual(leakedSecrets(text, [token, rotatedToken]), []);
            assert.ok(!text.includes("client-key-data") && !text.includes("PRIVATE KEY"), "no kubeconfig material");
            if (keepPreviewFixture(preview)) {
                console.log(`      wrote ${path.relative(repoRoot, previewFixture)}`);
            }
            assert.ok(fs.existsSync(previewFixture));
        });

        it("destroy removes every object", async () => {
            const result = await stack.stack.destroy({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            await expectNothingLeft(api, namespace, cluster.controllersRun);
        });
    });

    describe("examples/multi-env", function () {
        const projectDir = path.join(repoRoot, "examples", "multi-env");

        for (const env of [
            {
                stack: "staging",
                autoscaled: false,
                image: "registry.example.com/store/storefront:2.1.0-rc.1@sha256:7faf0beb9caf66dd6a756f67bffe5c06db425459cbcd92a5ae04f7bb8cf51f1a",
                host: "staging.store.example.com",
                resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
                newCheckout: true,
            },
            {
                stack: "prod",
                autoscaled: true,
                image: "registry.example.com/store/storefront:2.0.3@sha256:a492804eaee4d139b939b0bee8df92c0e7839b4bd502372d27e46eb5e2deaedf",
                host: "store.example.com",
                resources: { requests: { cpu: "250m", memory: "128Mi" }, limits: { cpu: "1", memory: "256Mi" } },
                newCheckout: false,
            },
        ]) {
            describe(`its ${env.stack} stack`, function () {
                stopAtFirstFailure();
                const namespace = "store";
                let stack: E2EStack;
                let deployment: KubeObject;

                before(async function () {
                    await expectNamespaceAbsent(api, namespace);
                    stack = await E2EStack.create(projectDir, env.stack, {
                        "berth:skipAwait": { value: "true" },
                        "kubernetes:kubeconfig": { value: cluster.kubeconfig },
                    });
                });

                after(async function () {
                    await stack?.dispose();
                });

                it("preview lists every object berth declares as a create", async () => {
                    const scaling = env.autoscaled
                        ? [
                              "berth:index:AutoscalingPolicy::storefront-scaling",
                              "kubernetes:autoscaling/v2:HorizontalPodAutoscaler::storefront-scaling",
                              "kubernetes:policy/v1:PodDisruptionBudget::storefront-scaling",
                          ]
                        : [];
                    assert.deepStrictEqual(
                        creates(await stack.previewJson()),
                        [
                            "berth:index:AppNetwork::store",
                            "berth:index:ContainerApp::storefront",
                            "kubernetes:apps/v1:Deployment::storefront",
                            "kubernetes:core/v1:Namespace::store",
                            "kubernetes:core/v1:Service::storefront",
                            "kubernetes:networking.k8s.io/v1:Ingress::storefront",
                            "kubernetes:networking.k8s.io/v1:NetworkPolicy::store-default-deny",
                            "kubernetes:networking.k8s.io/v1:NetworkPolicy::storefront-allow",
                            ...scaling,
                        ].sort(),
                    );
                });

                it("up creates them", async () => {
                    const result = await stack.stack.up({ color: "never" });
                    assert.strictEqual(result.summary.result, "succeeded");
                    assert.strictEqual(result.summary.resourceChanges?.create, env.autoscaled ? 12 : 9);
                    assert.strictEqual(result.outputs.url.value, `https://${env.host}/`);
                    assert.strictEqual(result.outputs.address.value, "storefront.store.svc:8080");
                });

                it("the objects are in the API server as declared", async () => {
                    await api.mustGet("Namespace", namespace);
                    const policies = await api.list("NetworkPolicy", namespace);
                    assert.deepStrictEqual(policies.map((p) => p.metadata.name).sort(), ["default-deny-ingress", "storefront-allow"]);

                    deployment = await api.mustGet("Deployment", "storefront", namespace);
                    const applied = fieldsAppliedByPulumi(deployment)["f:spec"] as Record<string, unknown>;
                    const [container] = deployment.spec.template.spec.containers;
                    assert.strictEqual(container.image, env.image);
                    assert.deepStrictEqual(container.resources, env.resources);
                    assert.deepStrictEqual(container.env, [{ name: "NEW_CHECKOUT", value: String(env.newCheckout) }]);

                    const service = await api.mustGet("Service", "storefront", namespace);
                    assert.deepStrictEqual(service.spec.selector, { "app.kubernetes.io/name": "storefront" });
                    const ingress = await api.mustGet("Ingress", "storefront", namespace);
                    assert.deepStrictEqual(ingress.spec.tls, [{ hosts: [env.host], secretName: "storefront-tls" }]);
                    assert.strictEqual(ingress.spec.rules[0].host, env.host);

                    const hpa = await api.get("HorizontalPodAutoscaler", "storefront", namespace);
                    const pdb = await api.get("PodDisruptionBudget", "storefront", namespace);
                    if (env.autoscaled) {
                        assert.ok(!("f:replicas" in applied), "berth's manifest for the autoscaled storefront carries no spec.replicas");
                        assert.strictEqual(hpa?.spec.minReplicas, 3);
                        assert.strictEqual(hpa?.spec.maxReplicas, 12);
                        assert.strictEqual(hpa?.spec.metrics[0].resource.target.averageUtilization, 75);
                        assert.strictEqual(pdb?.spec.minAvailable, 2);
                        assert.deepStrictEqual(pdb?.spec.selector, { matchLabels: { "app.kubernetes.io/name": "storefront" } });
                    } else {
                        assert.ok("f:replicas" in applied);
                        assert.strictEqual(deployment.spec.replicas, 2);
                        assert.strictEqual(hpa, undefined);
                        assert.strictEqual(pdb, undefined);
                    }
                });

                it("a second preview reports no changes, nor does a refresh", async () => {
                    if (env.autoscaled && cluster.controllersRun) {
                        await waitFor("the HPA to scale storefront to its minReplicas (3)", 120_000, async () =>
                            (await api.get("Deployment", "storefront", namespace))?.spec.replicas === 3 ? true : undefined,
                        );
                    }
                    assert.deepStrictEqual(changes(await stack.previewJson()), {});
                    const refresh = await stack.stack.refresh({ color: "never" });
                    assert.deepStrictEqual(nonSame(refresh.summary.resourceChanges), {});
                    assert.deepStrictEqual(changes(await stack.previewJson()), {});
                });

                it("a config change updates the Deployment in place", async () => {
                    await stack.stack.setConfig("multi-env:features", { value: JSON.stringify({ newCheckout: !env.newCheckout }) });
                    const preview = await stack.previewJson();
                    assert.deepStrictEqual(changes(preview), { "kubernetes:apps/v1:Deployment::storefront": "update" });
                    assert.deepStrictEqual(diffPaths(preview, "kubernetes:apps/v1:Deployment::storefront"), ["spec.template.spec.containers[0].env[0].value"]);
                    await stack.stack.up({ color: "never" });
                    const after = await api.mustGet("Deployment", "storefront", namespace);
                    assert.strictEqual(after.metadata.uid, deployment.metadata.uid, "updated, not replaced");
                    assert.deepStrictEqual(after.spec.template.spec.containers[0].env, [{ name: "NEW_CHECKOUT", value: String(!env.newCheckout) }]);
                });

                it(
                    env.autoscaled
                        ? "changing replicas updates the HPA and the PDB in place and leaves the Deployment alone"
                        : "changing replicas updates the Deployment in place",
                    async () => {
                        await stack.stack.setConfig("multi-env:replicas", { value: "4" });
                        const preview = await stack.previewJson();
                        if (env.autoscaled) {
                            assert.deepStrictEqual(changes(preview), {
                                "kubernetes:autoscaling/v2:HorizontalPodAutoscaler::storefront-scaling": "update",
                                "kubernetes:policy/v1:PodDisruptionBudget::storefront-scaling": "update",
                            });
                        } else {
                            assert.deepStrictEqual(changes(preview), { "kubernetes:apps/v1:Deployment::storefront": "update" });
                            assert.deepStrictEqual(diffPaths(preview, "kubernetes:apps/v1:Deployment::storefront"), ["spec.replicas"]);
                        }
                        await stack.stack.up({ color: "never" });
                        const after = await api.mustGet("Deployment", "storefront", namespace);
                        assert.strictEqual(after.metadata.uid, deployment.metadata.uid);
                        if (env.autoscaled) {
                            assert.strictEqual((await api.mustGet("HorizontalPodAutoscaler", "storefront", namespace)).spec.minReplicas, 4);
                            assert.strictEqual((await api.mustGet("PodDisruptionBudget", "storefront", namespace)).spec.minAvailable, 3);
                            assert.ok(!("f:replicas" in (fieldsAppliedByPulumi(after)["f:spec"] as Record<string, unknown>)));
                        } else {
                            assert.strictEqual(after.spec.replicas, 4);
                        }
                    },
                );

                it("destroy removes every object", async () => {
                    const result = await stack.stack.destroy({ color: "never" });
                    assert.strictEqual(result.summary.result, "succeeded");
                    await expectNothingLeft(api, namespace, cluster.controllersRun);
                });
            });
        }
    });

    describe("an app whose own autoscaling takes over its AutoscalingPolicy (tests/e2e/projects/takeover)", function () {
        stopAtFirstFailure();
        const namespace = "e2e-takeover";
        const hpaKey = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
        const pdbKey = "kubernetes:policy/v1:PodDisruptionBudget";
        let stack: E2EStack;
        let uids: string[];
        const objectUids = async () => [
            (await api.mustGet("HorizontalPodAutoscaler", "web", namespace)).metadata.uid,
            (await api.mustGet("PodDisruptionBudget", "web", namespace)).metadata.uid,
        ];
        const useForm = (form: string) => stack.stack.setConfig("berth-e2e-takeover:form", { value: form });

        before(async function () {
            await expectNamespaceAbsent(api, namespace);
            stack = await E2EStack.create(path.join(repoRoot, "tests", "e2e", "projects", "takeover"), "kubernetes", {
                "berth-e2e-takeover:form": { value: "policy" },
                "kubernetes:kubeconfig": { value: cluster.kubeconfig },
            });
        });

        after(async function () {
            await stack?.dispose();
        });

        it("up with the policy creates its HorizontalPodAutoscaler and PodDisruptionBudget", async () => {
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            uids = await objectUids();
        });

        it("without formerPolicy the preview would create the app's objects and delete the policy's, the same Kubernetes objects", async () => {
            await useForm("unaliased");
            const planned = changes(await stack.previewJson());
            for (const key of [hpaKey, pdbKey]) {
                assert.strictEqual(planned[`${key}::web`], "create", key);
                assert.strictEqual(planned[`${key}::web-scaling`], "delete", key);
            }
        });

        it("with formerPolicy the preview keeps them: only the policy's component goes", async () => {
            await useForm("inline");
            assert.deepStrictEqual(changes(await stack.previewJson()), { "berth:index:AutoscalingPolicy::web-scaling": "delete" });
        });

        it("up keeps the very same objects, and a second preview changes nothing", async () => {
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            assert.deepStrictEqual(await objectUids(), uids);
            assert.deepStrictEqual(changes(await stack.previewJson()), {});
        });

        it("destroy removes every object", async () => {
            const result = await stack.stack.destroy({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            await expectNothingLeft(api, namespace, cluster.controllersRun);
        });
    });
});

/** The resource changes of an update other than `same`. */
function nonSame(resourceChanges: Record<string, number> | undefined): Record<string, number> {
    return Object.fromEntries(Object.entries(resourceChanges ?? {}).filter(([op]) => op !== "same"));
}
