import * as assert from "assert";
import { randomBytes } from "crypto";
import type { StatusDocument } from "../../cli/status/json";
import { berth, berthAsync } from "./berth-cli";
import { EngineRecorder } from "./engine-recorder";
import { KubeApi } from "./kubernetes-api";
import { LocalCluster } from "./kubernetes-cluster";
import { expectNamespaceAbsent, expectNothingLeft } from "./kubernetes-namespace";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * `berth status` and `berth logs` on Kubernetes, through the real Pulumi
 * engine and Kubernetes provider and the built `berth` command, against the
 * API server of tools/cluster: the shop's prod stack. That cluster has no
 * node, so no pod ever runs: status must say so and exit 1, never count 0
 * ready as healthy. The scenes are recorded for the unit tests
 * (tests/fixtures/status/, written when missing or with UPDATE_GOLDEN=1).
 */

describe("berth status and logs on Kubernetes through the real engine and a local API server", function () {
    stopAtFirstFailure();
    const namespace = "shop";
    const stackName = "e2e-status-prod";
    const token = `e2e-api-token-${randomBytes(12).toString("hex")}`;
    let cluster: LocalCluster;
    let api: KubeApi;
    let stack: E2EStack | undefined;
    const run = (...args: string[]) => berth([...args, "--stack", stackName], { cwd: repoRoot, env: stack!.env });

    before(async function () {
        useBuiltTools();
        cluster = LocalCluster.ensure();
        api = KubeApi.fromKubeconfig(cluster.kubeconfig);
        await expectNamespaceAbsent(api, namespace);
        stack = await E2EStack.create(
            repoRoot,
            "prod",
            {
                "berth-shop:apiToken": { value: token, secret: true },
                "berth:skipAwait": { value: "true" },
                "kubernetes:kubeconfig": { value: cluster.kubeconfig },
            },
            stackName,
        );
        await stack.stack.up({ color: "never" });
    });

    after(async function () {
        try {
            await stack?.dispose();
            await expectNothingLeft(api, namespace, cluster.controllersRun);
        } finally {
            cluster?.stopIfStartedHere();
        }
    });

    it("status reads the cluster the stack's kubernetes:kubeconfig names, and exits 1 because no pod runs: the cluster has no node", () => {
        const result = run("status");
        assert.strictEqual(result.status, 1, result.stdout + result.stderr);
        assert.match(result.stdout.split("\n")[0], /^Stack e2e-status-prod \(berth-shop\) · kubernetes https:\/\/127\.0\.0\.1:\d+ \(context \S+\)$/);
        // Prod pins its images by digest (Pulumi.prod.yaml): the table shortens the digest to 12 hex digits (--json has it whole).
        assert.match(result.stdout, /^web\s+app\s+kubernetes\/shop\s+registry\.example\.com\/shop\/web:1\.4\.2@sha256:[0-9a-f]{12}\s+0\/3\s+\d+\s+down\s+0\s+\d+[sm]\s+-$/m);
        assert.match(result.stdout, /^cache\s+app\s+kubernetes\/shop\s+registry\.example\.com\/shop\/cache:7\.2\.4@sha256:[0-9a-f]{12}\s+0\/2\s+\d+\s+down\s/m);
        assert.match(result.stdout, /^ {2}web: no pod runs: the cluster has no node \(\d+ pods? waiting\)$/m);
        assert.match(result.stdout, /^ {2}note: the Kubernetes API server https:\/\/127\.0\.0\.1:\d+ \(context \S+\) has no node: no pod can run$/m);
        assert.match(result.stdout, /^e2e-status-prod: 3 apps: 3 down$/m);
    });

    it("status --json has a row per app with its namespace and image, no drift, and no secret", async () => {
        const result = run("status", "--json");
        assert.strictEqual(result.status, 1, result.stderr);
        const workloads = (JSON.parse(result.stdout) as StatusDocument).stacks[0].workloads;
        assert.deepStrictEqual(
            workloads.map((w) => [w.name, w.target, w.location, w.health, w.image?.replace(/@sha256:[0-9a-f]{64}$/, "@<digest>"), w.replicas.ready, w.drift.length]),
            [
                ["api", "kubernetes", "shop", "down", "registry.example.com/shop/api:1.4.2@<digest>", 0, 0],
                ["cache", "kubernetes", "shop", "down", "registry.example.com/shop/cache:7.2.4@<digest>", 0, 0],
                ["web", "kubernetes", "shop", "down", "registry.example.com/shop/web:1.4.2@<digest>", 0, 0],
            ],
        );
        for (const secret of [token, Buffer.from(token).toString("base64")]) {
            assert.ok(!result.stdout.includes(secret), "the token is in the status");
        }
        await record("kubernetes-shop-no-node", "berth status --json: the shop's prod stack just after up on the API-server-only cluster (no node)", ["status", "--json"]);
    });

    it("logs says there is no log to read while no pod runs, exit 1", () => {
        const result = run("logs", "web");
        assert.strictEqual(result.status, 1, result.stdout + result.stderr);
        assert.strictEqual(result.stdout, "");
        assert.match(result.stderr, /^berth logs: (web: no pod runs in shop, so there is no log to read|web-\S+: not started yet \(not scheduled to a node\), no log)$/m);
    });

    it("objects deleted out of band show as missing: the Deployment's app is missing, the Service is drift, exit 1", async () => {
        await api.delete("Deployment", "cache", namespace);
        await api.delete("Service", "api", namespace);
        const result = run("status");
        assert.strictEqual(result.status, 1, result.stdout + result.stderr);
        assert.match(result.stdout, /^cache\s+app\s+kubernetes\/shop\s+-\s+0\/2\s+0\s+missing\s+0\s+-\s+1$/m);
        assert.match(result.stdout, /^ {2}cache: drift: Deployment shop\/cache missing: not in the API server \(deleted out of band\)$/m);
        assert.match(result.stdout, /^ {2}api: drift: Service shop\/api missing: not in the API server \(deleted out of band\)$/m);
        await record("kubernetes-shop-deleted", "berth status --json: the shop's prod stack after `kubectl delete deployment/cache service/api -n shop`", ["status", "--json"]);
        // Put them back, so that destroy finds what it deletes.
        await stack!.stack.refresh({ color: "never" });
        await stack!.stack.up({ color: "never" });
    });

    it("a kubeconfig or context that does not work is named, exit 2", () => {
        const missing = run("status", "--kubeconfig", "/nonexistent/kubeconfig");
        assert.strictEqual(missing.status, 2, missing.stdout);
        assert.match(missing.stdout, /status could not be read: cannot reach the Kubernetes cluster of the kubeconfig \/nonexistent\/kubeconfig: /);
        const context = run("status", "--context", "no-such-context");
        assert.strictEqual(context.status, 2, context.stdout);
        assert.match(context.stdout, /status could not be read: cannot reach the Kubernetes cluster of the kubeconfig \S+: .*no-such-context/);
    });

    /** Runs berth through a recording proxy of the API server and keeps what it asked and got, with the stack's state. */
    async function record(name: string, about: string, args: string[]): Promise<void> {
        const recorder = await EngineRecorder.kubernetes(cluster.kubeconfig);
        try {
            const result = await berthAsync([...args, "--stack", stackName, "--kubeconfig", recorder.kubeconfig!], { cwd: repoRoot, env: stack!.env });
            assert.notStrictEqual(result.status, 2, result.stdout + result.stderr);
            recorder.save(name, `${about} (tests/e2e/status-kubernetes.e2e.ts)`, "kubernetes", await stack!.exportedState());
        } finally {
            await recorder.close();
        }
    }
});
