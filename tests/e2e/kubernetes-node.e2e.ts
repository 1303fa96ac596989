import * as assert from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { StatusDocument } from "../../cli/status/json";
import { berth, berthAsync } from "./berth-cli";
import { EngineRecorder } from "./engine-recorder";
import { KubeApi, KubeObject, waitFor } from "./kubernetes-api";
import { expectNamespaceAbsent, expectNothingLeft } from "./kubernetes-namespace";
import { httpGet, NodeCluster, podsOf } from "./kubernetes-node";
import { changes } from "./kubernetes-preview";
import { buildTestImages, LocalDocker } from "./docker-engine";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * berth's pods on a real node (issue 18): the shop's prod stack through the
 * real engine and Kubernetes provider against a tools/cluster control plane
 * with a node of its own (`tools/cluster start --node`: kubelet, containerd,
 * kube-proxy, CoreDNS, kube-router), with berth:skipAwait false, so `up` waits
 * until every pod is Ready. The images are the test images built locally and
 * imported into the node's containerd under the names Pulumi.prod.yaml gives.
 * The host reaches web through its LoadBalancer Service's NodePort on
 * 127.0.0.1 (kube-proxy answers NodePorts on loopback only).
 */

/** Not the other suites' clusters: this one has the machine's node, which the suite starts and stops. */
const clusterDir = process.env.BERTH_NODE_CLUSTER_DIR ?? "/tmp/berth-node-cluster";
const namespace = "shop";
const configHash = "berth.dev/config-hash";
/** kube-router's LoadBalancer range (tools/node/node.sh). */
const loadBalancerPrefix = "10.0.1.";

const roles = ["web", "api", "cache"] as const;

/**
 * The shop's prod images (Pulumi.prod.yaml) without their digests, each the local test image of
 * the same role: prod pins images by digest, and a local build's digest is the node's to tell.
 */
function prodImages(): string[] {
    const config = parse(fs.readFileSync(path.join(repoRoot, "Pulumi.prod.yaml"), "utf8")).config as Record<string, string>;
    return roles.map((role) => `berth-test/${role}:1=${config[`berth-shop:${role}Image`].replace(/@.*$/, "")}`);
}

/** The prod images pinned by the digests the node's containerd gave the loaded test images, as stack config. */
let pinnedImages: Record<string, { value: string }> = {};

let docker: LocalDocker;
let node: NodeCluster;
let api: KubeApi;

describe("berth on a real Kubernetes node (kubelet, containerd, kube-proxy, CoreDNS, kube-router) through the real engine", function () {
    before(function () {
        useBuiltTools();
        // The images (the pod sandbox's among them) are built by the local Docker engine and copied from it.
        docker = LocalDocker.ensure();
        buildTestImages();
        node = NodeCluster.startFresh(clusterDir);
        const pinned = node.loadImages([...prodImages(), "berth-test/web:1"]);
        pinnedImages = Object.fromEntries(roles.map((role, index) => [`berth-shop:${role}Image`, { value: pinned[index] }]));
        api = KubeApi.fromKubeconfig(node.kubeconfig);
    });

    after(function () {
        node?.stop();
        docker?.stopIfStartedHere();
    });

    describe("the shop's prod stack", function () {
        stopAtFirstFailure();
        const token = `e2e-api-token-${randomBytes(12).toString("hex")}`;
        let stack: E2EStack;
        let webUrl: string;
        let deployments: Record<string, KubeObject>;
        let rollLoad: RequestLoop | undefined;

        before(async function () {
            await expectNamespaceAbsent(api, namespace);
            stack = await E2EStack.create(
                repoRoot,
                "prod",
                {
                    "berth-shop:apiToken": { value: token, secret: true },
                    "berth:skipAwait": { value: "false" },
                    "kubernetes:kubeconfig": { value: node.kubeconfig },
                    ...pinnedImages,
                    // prod's 250m CPU requests would not fit a rolling update on a 2-CPU node (7 pods plus
                    // one surge pod each for web and api is 2.25 CPUs): smaller requests, the rest as in prod.
                    "berth:defaults": {
                        value: JSON.stringify({
                            resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
                            security: { runAsUser: 10001, runAsGroup: 10001 },
                            labels: { team: "shop" },
                        }),
                    },
                },
                "e2e-node-prod",
            );
            // No ingress controller runs on the node: the provider would wait for the Ingress's address forever.
            await stack.stack.removeConfig("berth-shop:hostname");
            await stack.stack.removeConfig("berth-shop:tlsSecretName");
        });

        after(async function () {
            await stack?.dispose();
        });

        it("up waits until every pod is Ready, and succeeds", async () => {
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            assert.strictEqual(result.summary.resourceChanges?.create, 25);
            // The HPA takes the autoscaled api to its minReplicas (2) once it exists.
            await waitFor("api to run 2 Ready pods (HPA minReplicas)", 180_000, async () => {
                const pods = await podsOf(api, namespace, "api");
                return pods.length === 2 && pods.every((p) => p.ready) ? true : undefined;
            });
            for (const [app, replicas] of [["web", 3], ["cache", 2], ["api", 2]] as const) {
                const pods = await podsOf(api, namespace, app);
                assert.strictEqual(pods.length, replicas, `${app} runs ${replicas} pods`);
                for (const pod of pods) {
                    assert.ok(pod.ready, `${pod.metadata.name} is Ready`);
                    assert.strictEqual(pod.spec.nodeName, "berth-node");
                    assert.strictEqual(pod.status.containerStatuses[0].restartCount, 0, `${pod.metadata.name} never restarted`);
                }
            }
            deployments = {};
            for (const app of ["api", "web"]) {
                deployments[app] = await api.mustGet("Deployment", app, namespace);
            }
        });

        it("the containers run with berth's secure defaults on a real runtime: uid 10001, read-only root, no capabilities", async () => {
            const [pod] = await podsOf(api, namespace, "api");
            const run = (command: string) => node.exec(pod, command);
            assert.strictEqual(run("id -u; id -g").output.trim(), "10001\n10001");
            const rootWrite = run("touch /probe");
            assert.notStrictEqual(rootWrite.status, 0);
            assert.match(rootWrite.output, /Read-only file system/);
            assert.strictEqual(run("touch /tmp/probe && echo written").output.trim(), "written", "/tmp is writable (emptyDir)");
            const status = run("grep -E '^(CapEff|NoNewPrivs|Seccomp):' /proc/1/status").output;
            assert.match(status, /^CapEff:\s+0000000000000000$/m);
            assert.match(status, /^NoNewPrivs:\s+1$/m);
            assert.match(status, /^Seccomp:\s+2$/m, "RuntimeDefault seccomp filter");
            assert.match(run("cat /etc/shop/shop.conf").output, /^greeting=hello from berth$/m, "the config file is mounted");
            assert.strictEqual(run("cat /etc/shop/API_TOKEN").output, token, "the secret reaches the container as a file, through the Secret");
            assert.strictEqual(run('printf %s "${API_TOKEN-unset}"').output, "unset", "and never as an env var");
            assert.match(String(pod.spec.containers[0].image), /@sha256:[0-9a-f]{64}$/, "the image is pinned by digest");
        });

        it("web answers on loopback through its LoadBalancer Service, which got an address from kube-router's allocator", async () => {
            const service = await api.mustGet("Service", "web-public", namespace);
            assert.ok(String(service.status?.loadBalancer?.ingress?.[0]?.ip).startsWith(loadBalancerPrefix), JSON.stringify(service.status));
            const nodePort = service.spec.ports[0].nodePort;
            assert.ok(nodePort >= 30000 && nodePort <= 32767);
            webUrl = `http://127.0.0.1:${nodePort}`;
            const { status, body } = await httpGet(`${webUrl}/`);
            assert.strictEqual(status, 200, body);
            assert.match(body, /^app: web$/m);
        });

        it("web reaches api by name, and api reaches cache by name (CoreDNS and kube-proxy)", async () => {
            const { status, body } = await httpGet(`${webUrl}/cgi-bin/upstream`);
            assert.strictEqual(status, 200, body);
            assert.match(body, /^upstream: http:\/\/api\.shop\.svc:8080$/m);
            assert.match(body, /^ {2}app: api$/m);

            const [apiPod] = await podsOf(api, namespace, "api");
            const cacheService = await api.mustGet("Service", "cache", namespace);
            // busybox nslookup does not walk the search path, as the apps' resolver does: ask for the full name.
            const lookup = node.exec(apiPod, 'nslookup "${CACHE_ADDRESS%:*}.cluster.local"');
            assert.match(lookup.output, new RegExp(`Address:\\s+${cacheService.spec.clusterIP.replace(/\./g, "\\.")}\\b`), lookup.output);
            const ping = node.exec(apiPod, 'printf "PING\\r\\nQUIT\\r\\n" | nc -w 3 "${CACHE_ADDRESS%:*}" "${CACHE_ADDRESS##*:}"');
            assert.match(ping.output, /^\+PONG/m, ping.output);
        });

        it("the NetworkPolicies are enforced: cache admits api only, api admits web only", async () => {
            const [webPod] = await podsOf(api, namespace, "web");
            const [cachePod] = await podsOf(api, namespace, "cache");
            const [apiPod] = await podsOf(api, namespace, "api");
            const pingCache = (from: KubeObject, host: string) => node.exec(from, `printf "PING\\r\\nQUIT\\r\\n" | nc -w 3 ${host} 6379`);
            // By Service name and straight to a cache pod's address: api gets an answer, web none.
            for (const host of ["cache.shop.svc", cachePod.status.podIP]) {
                assert.match(pingCache(apiPod, host).output, /^\+PONG/m, `api reaches cache at ${host}`);
                const fromWeb = pingCache(webPod, host);
                assert.doesNotMatch(fromWeb.output, /PONG/, `web must not reach cache at ${host}`);
            }
            // cache is no client of api's: its request is dropped, web's answered.
            const fromCache = node.exec(cachePod, "timeout 5 wget -q -O - http://api.shop.svc:8080/");
            assert.notStrictEqual(fromCache.status, 0, `cache must not reach api: ${fromCache.output}`);
            assert.match(node.exec(webPod, "timeout 5 wget -q -O - http://api.shop.svc:8080/").output, /^app: api$/m);
        });

        it("egress is enforced too: api may reach cache and DNS only, so web, which admits any source, is out of its reach", async () => {
            const [apiPod] = await podsOf(api, namespace, "api");
            const [webPod] = await podsOf(api, namespace, "web");
            const toWeb = node.exec(apiPod, "timeout 5 wget -q -O - http://web.shop.svc:8080/");
            assert.notStrictEqual(toWeb.status, 0, `api must not reach web: ${toWeb.output}`);
            const toWebPod = node.exec(apiPod, `timeout 5 wget -q -O - http://${webPod.status.podIP}:8080/`);
            assert.notStrictEqual(toWebPod.status, 0, `api must not reach a web pod: ${toWebPod.output}`);
            // What the policies do allow still works: the name resolves (DNS) and web itself answers on loopback.
            assert.match(node.exec(apiPod, "nslookup web.shop.svc.cluster.local").output, /Address:\s+\d+\.\d+\.\d+\.\d+/);
            assert.strictEqual((await httpGet(`${webUrl}/`)).status, 200);
        });

        it("a config change rolls api and web in place, the new config in the new pods, under a bounded loop of requests on loopback", async () => {
            const before = { api: await podsOf(api, namespace, "api"), web: await podsOf(api, namespace, "web") };
            await stack.stack.setConfig("berth-shop:greeting", { value: "hello again" });
            const preview = await stack.previewJson();
            assert.deepStrictEqual(changes(preview), {
                "kubernetes:core/v1:ConfigMap::shop-config": "update",
                "kubernetes:apps/v1:Deployment::api": "update",
                "kubernetes:apps/v1:Deployment::web": "update",
            });

            // web's /cgi-bin/upstream asks api, so every request goes through both rolling apps.
            const load = new RequestLoop(`${webUrl}/cgi-bin/upstream`);
            const running = load.run();
            try {
                const result = await stack.stack.up({ color: "never" });
                assert.strictEqual(result.summary.result, "succeeded");
                await waitFor("the old api and web pods to be gone", 180_000, async () => {
                    const now = [...(await podsOf(api, namespace, "api")), ...(await podsOf(api, namespace, "web"))];
                    const old = new Set([...before.api, ...before.web].map((p) => p.metadata.name));
                    return now.every((p) => !old.has(p.metadata.name)) && now.every((p) => p.ready) ? true : undefined;
                });
                await new Promise((resolve) => setTimeout(resolve, 3_000));
            } finally {
                load.stop();
                await running;
            }
            console.log(`      ${load.summary()}`);
            for (const failure of load.failures) {
                console.log(`        ${failure}`);
            }
            rollLoad = load;
            assert.ok(load.sent >= 50, `the loop sent ${load.sent} requests`);
            const { status, body } = await httpGet(`${webUrl}/cgi-bin/upstream`);
            assert.strictEqual(status, 200, `web and api answer once rolled: ${body}`);

            for (const app of ["api", "web"]) {
                const after = await api.mustGet("Deployment", app, namespace);
                assert.strictEqual(after.metadata.uid, deployments[app].metadata.uid, `${app} was updated, not replaced`);
                assert.notStrictEqual(after.spec.template.metadata.annotations[configHash], deployments[app].spec.template.metadata.annotations[configHash]);
            }
            const [newWeb] = await podsOf(api, namespace, "web");
            assert.match(node.exec(newWeb, "cat /etc/shop/shop.conf").output, /^greeting=hello again$/m);
            assert.strictEqual((await podsOf(api, namespace, "web")).length, 3);
            assert.strictEqual((await podsOf(api, namespace, "api")).length, 2);
        });

        // Without the pods' preStop delay (backends/kubernetes/container.ts, drainSeconds) a pod told to
        // stop stopped answering at once while kube-proxy still sent it new connections: 4 of 61 and 3 of 75
        // requests failed in two rolls ("Connection refused", "socket hang up", EHOSTUNREACH, a 10 s timeout).
        it("no request fails while the pods roll", () => {
            assert.ok(rollLoad, "the roll test ran its request loop");
            assert.deepStrictEqual(rollLoad.failures, []);
        });

        it("a second preview reports no changes", async () => {
            assert.deepStrictEqual(changes(await stack.previewJson()), {});
        });

        it("berth status: every app healthy with its ready counts, no restart, and the digest each pod runs; exit 0", async () => {
            const result = berth(["status", "--stack", "e2e-node-prod", "--json"], { cwd: repoRoot, env: stack.env });
            assert.strictEqual(result.status, 0, result.stdout + result.stderr);
            const workloads = statusRows(result.stdout);
            assert.deepStrictEqual(
                workloads.map((w) => [w.name, w.health, w.replicas.desired, w.replicas.ready, w.replicas.updated, w.restarts]),
                [
                    ["api", "healthy", 2, 2, 2, 0],
                    ["cache", "healthy", 2, 2, 2, 0],
                    ["web", "healthy", 3, 3, 3, 0],
                ],
            );
            for (const workload of workloads) {
                assert.match(workload.imageDigest ?? "", /^sha256:[0-9a-f]{64}$/, `${workload.name} runs a known digest`);
            }
            await recordStatus(stack, "kubernetes-node-healthy", "the shop's prod stack on the local node after a rolled config change: every pod Ready");
        });

        it("berth logs web: a line of each of its three pods, prefixed with the pod", async () => {
            const pods = await podsOf(api, namespace, "web");
            for (const pod of pods) {
                // busybox httpd logs failed requests only.
                node.exec(pod, "wget -q -O /dev/null http://127.0.0.1:8080/no-such-page || true");
            }
            const result = berth(["logs", "web", "--stack", "e2e-node-prod"], { cwd: repoRoot, env: stack.env });
            assert.strictEqual(result.status, 0, result.stderr);
            const prefixes = result.stdout
                .split("\n")
                .filter((line) => line.endsWith("response:404"))
                .map((line) => line.split(" | ")[0].trim());
            assert.deepStrictEqual([...new Set(prefixes)].sort(), pods.map((p) => p.metadata.name).sort(), result.stdout);
        });

        it("berth status counts a restart: a web container stopped from inside comes back, and its pod shows 1 restart", async () => {
            const [pod] = await podsOf(api, namespace, "web");
            node.exec(pod, "kill 1");
            await waitFor(`${pod.metadata.name} to restart and be Ready again`, 120_000, async () => {
                const again = (await podsOf(api, namespace, "web")).find((p) => p.metadata.name === pod.metadata.name);
                return again?.ready && again.status.containerStatuses[0].restartCount === 1 ? true : undefined;
            });
            const result = berth(["status", "--stack", "e2e-node-prod", "--json"], { cwd: repoRoot, env: stack.env });
            assert.strictEqual(result.status, 0, result.stdout + result.stderr);
            const web = statusRows(result.stdout).find((w) => w.name === "web")!;
            assert.strictEqual(web.health, "healthy");
            assert.strictEqual(web.restarts, 1);
            assert.deepStrictEqual(
                web.replicaStatuses.filter((r) => r.restarts > 0).map((r) => r.name),
                [pod.metadata.name],
            );
            const table = berth(["status", "--stack", "e2e-node-prod"], { cwd: repoRoot, env: stack.env });
            assert.match(table.stdout, /^web\s+app\s+kubernetes\/shop\s+\S+\s+3\/3\s+3\s+healthy\s+1\s/m, table.stdout);
            await recordStatus(stack, "kubernetes-node-restarted", "the shop's prod stack on the local node after one web container was stopped from inside and restarted");
        });

        it("destroy removes every object, and the node runs none of the shop's pods", async () => {
            const result = await stack.stack.destroy({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            await expectNothingLeft(api, namespace, true);
            await waitFor("the node to stop the shop's pod sandboxes", 120_000, async () =>
                node.runningSandboxes(namespace).length === 0 ? true : undefined,
            );
        });
    });

    describe("an app that never becomes ready (tests/e2e/projects/unready)", function () {
        stopAtFirstFailure();
        const unreadyNamespace = "e2e-unready";
        let stack: E2EStack;

        before(async function () {
            await expectNamespaceAbsent(api, unreadyNamespace);
            stack = await E2EStack.create(path.join(repoRoot, "tests", "e2e", "projects", "unready"), "kubernetes", {
                "kubernetes:kubeconfig": { value: node.kubeconfig },
                "berth-e2e-unready:image": { value: "berth-test/web:1" },
            });
        });

        after(async function () {
            await stack?.dispose();
        });

        it("fails up after its healthyTimeoutSeconds (60 s), not the provider's 10 minutes, naming the app's Deployment and its unready container", async () => {
            const started = Date.now();
            await assert.rejects(stack.stack.up({ color: "never" }), (error: Error) => {
                assert.match(error.message, /berth:index:ContainerApp\$kubernetes:apps\/v1:Deployment::sick/);
                assert.match(error.message, /'sick' timed out waiting to be Ready/);
                assert.match(error.message, /containers with unready status: \[sick\]/);
                return true;
            });
            const seconds = (Date.now() - started) / 1000;
            assert.ok(seconds < 300, `up failed after ${seconds} s: the provider's own 600 s wait, not berth's 60 s`);
            const [pod] = await podsOf(api, unreadyNamespace, "sick");
            assert.ok(pod, "its pod exists");
            assert.strictEqual(pod.status.phase, "Running", "the container runs: the kubelet probed it");
            assert.strictEqual(pod.ready, false);
        });

        it("berth status says the app is down because its pod is not ready, exit 1", () => {
            const result = berth(["status", "--stack", stack.stack.name], { cwd: stack.projectDir, env: stack.env });
            assert.strictEqual(result.status, 1, result.stdout + result.stderr);
            assert.match(result.stdout, /^sick\s+app\s+kubernetes\/e2e-unready\s+\S+\s+0\/1\s+1\s+down\s/m, result.stdout);
            assert.match(result.stdout, /^ {2}sick: sick-\S+: not ready \(readiness probe failing\)$/m, result.stdout);
        });

        it("destroy removes every object", async () => {
            const result = await stack.stack.destroy({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            await expectNothingLeft(api, unreadyNamespace, true);
        });
    });
});

/**
 * Requests one URL on loopback, one after the other with a short pause, until
 * stopped; bounded in count and time, so it ends by itself. Records every
 * failed request (no answer, or a status other than 200).
 */
class RequestLoop {
    static readonly maxRequests = 5_000;
    static readonly maxMs = 15 * 60_000;
    sent = 0;
    readonly failures: string[] = [];
    private stopped = false;
    private readonly started = Date.now();

    constructor(private readonly url: string) {}

    async run(): Promise<void> {
        while (!this.stopped && this.sent < RequestLoop.maxRequests && Date.now() - this.started < RequestLoop.maxMs) {
            const at = ((Date.now() - this.started) / 1000).toFixed(1);
            this.sent++;
            const { status, body } = await httpGet(this.url, 10_000);
            if (status !== 200) {
                this.failures.push(`+${at}s: ${status} ${body.trim().split("\n")[0]}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }

    stop(): void {
        this.stopped = true;
    }

    summary(): string {
        return `${this.sent} requests in ${((Date.now() - this.started) / 1000).toFixed(0)} s, ${this.failures.length} failed`;
    }
}

/** The rows of `berth status --json` for its one stack. */
function statusRows(json: string) {
    return (JSON.parse(json) as StatusDocument).stacks[0].workloads;
}

/** Runs `berth status --json` through a recording proxy of the node's API server; keeps what it asked and got, with the state. */
async function recordStatus(stack: E2EStack, name: string, about: string): Promise<void> {
    const recorder = await EngineRecorder.kubernetes(node.kubeconfig);
    try {
        const result = await berthAsync(["status", "--json", "--stack", stack.stack.name, "--kubeconfig", recorder.kubeconfig!], { cwd: repoRoot, env: stack.env });
        assert.notStrictEqual(result.status, 2, result.stdout + result.stderr);
        recorder.save(name, `berth status --json: ${about} (tests/e2e/kubernetes-node.e2e.ts)`, "kubernetes", await stack.exportedState());
    } finally {
        await recorder.close();
    }
}
