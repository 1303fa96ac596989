import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../cli/berth";
import type { StatusDocument } from "../../cli/status/json";
import type { WorkloadStatus } from "../../cli/status/workload-status";
import { recordingIo } from "./berth-io";
import { ReplayServer, readRecording, replayKubeconfig, statusFixturesDir } from "./recorded-answers";

/*
 * berth status and logs against what the local API server answered (recorded
 * by tests/e2e/status-kubernetes.e2e.ts on the API-server-only cluster, and by
 * tests/e2e/kubernetes-node.e2e.ts on the cluster with a node), through
 * @kubernetes/client-node and a kubeconfig naming the replay.
 */

async function replayed(fixture: string, argv: string[]) {
    const recording = readRecording(fixture);
    const replay = await ReplayServer.kubernetes(recording);
    try {
        const { io, out } = recordingIo(recording);
        const code = await main([...argv, "--state", "state.json", "--kubeconfig", replay.kubeconfig], io);
        assert.deepStrictEqual(replay.unanswered, [], "every request was answered from the recording");
        return { code, ...out };
    } finally {
        await replay.close();
    }
}

function workloads(stdout: string): Record<string, WorkloadStatus> {
    const document = JSON.parse(stdout) as StatusDocument;
    return Object.fromEntries(document.stacks[0].workloads.map((w) => [w.name, w]));
}

describe("berth status on Kubernetes (recorded answers of the local API server)", () => {
    it("on a cluster without a node: every app down, each saying no pod runs because the cluster has no node, exit 1", async () => {
        const { code, stdout } = await replayed("kubernetes-shop-no-node", ["status"]);
        assert.strictEqual(code, 1);
        assert.match(stdout, /^web\s+app\s+kubernetes\/shop\s+registry\.example\.com\/shop\/web:1\.4\.2\s+0\/3\s+3\s+down\s+0\s+5m\s+-$/m);
        assert.match(stdout, /^ {2}web: no pod runs: the cluster has no node \(3 pods waiting\)$/m);
        assert.match(stdout, /^ {2}note: the Kubernetes API server http:\/\/127\.0\.0\.1:\d+ \(context replay\) has no node: no pod can run$/m);
        assert.match(stdout, /^e2e-status-prod: 3 apps: 3 down$/m);
    });

    it("--json: each pod is a replica, Pending and unscheduled, with its containers", async () => {
        const { code, stdout } = await replayed("kubernetes-shop-no-node", ["status", "--json"]);
        assert.strictEqual(code, 1);
        const web = workloads(stdout).web;
        assert.strictEqual(web.target, "kubernetes");
        assert.strictEqual(web.location, "shop");
        assert.deepStrictEqual(web.replicas, { desired: 3, ready: 0, updated: 3 });
        assert.strictEqual(web.replicaStatuses.length, 3);
        for (const pod of web.replicaStatuses) {
            assert.match(pod.name, /^web-[0-9a-z]+-[0-9a-z]{5}$/);
            assert.deepStrictEqual([pod.state, pod.ready, pod.message, pod.containers], ["Pending", false, "not scheduled to a node", ["web"]]);
        }
        assert.strictEqual(web.imageDigest, undefined, "no pod ran, so no digest is known");
    });

    it("reads Secrets as metadata only: the recorded answer for the config's Secret holds no data", () => {
        const recording = readRecording("kubernetes-shop-no-node");
        const secrets = recording.answers.filter((a) => a.path.includes("/secrets/"));
        assert.ok(secrets.length > 0);
        for (const answer of secrets) {
            const body = JSON.parse(answer.body ?? "{}");
            assert.strictEqual(body.kind, "PartialObjectMetadata");
            assert.strictEqual(body.data, undefined);
        }
    });

    it("objects deleted out of band: the app whose Deployment is gone is missing, a deleted Service is drift of its app, exit 1", async () => {
        const { code, stdout } = await replayed("kubernetes-shop-deleted", ["status", "--json"]);
        assert.strictEqual(code, 1);
        const { api, cache } = workloads(stdout);
        assert.strictEqual(cache.health, "missing");
        assert.deepStrictEqual(cache.drift, [{ object: "Deployment shop/cache", problem: "missing", detail: "not in the API server (deleted out of band)" }]);
        assert.deepStrictEqual(api.drift, [{ object: "Service shop/api", problem: "missing", detail: "not in the API server (deleted out of band)" }]);
    });

    const nodeFixture = path.join(statusFixturesDir, "kubernetes-node-healthy.json");
    (fs.existsSync(nodeFixture) ? it : it.skip)("on a cluster with a node: ready counts, no restart, each app's digest, exit 0 (NOT RUN without the node suite's recording)", async () => {
        const { code, stdout } = await replayed("kubernetes-node-healthy", ["status", "--json"]);
        assert.strictEqual(code, 0, stdout);
        const rows = workloads(stdout);
        assert.deepStrictEqual(
            Object.values(rows).map((w) => [w.name, w.health, w.replicas.ready, w.replicas.desired, w.restarts]),
            [
                ["api", "healthy", 2, 2, 0],
                ["cache", "healthy", 2, 2, 0],
                ["web", "healthy", 3, 3, 0],
            ],
        );
        for (const row of Object.values(rows)) {
            assert.match(row.imageDigest ?? "", /^sha256:[0-9a-f]{64}$/);
            assert.ok(row.replicaStatuses.every((pod) => pod.state === "Running" && pod.ready));
        }
    });

    it("the table shortens an image pinned by digest to 12 hex digits, as docker does; --json keeps it whole", async () => {
        const table = await replayed("kubernetes-node-healthy", ["status"]);
        const json = await replayed("kubernetes-node-healthy", ["status", "--json"]);
        const web = workloads(json.stdout).web;
        const full = web.image ?? "";
        assert.match(full, /^registry\.example\.com\/shop\/web@sha256:[0-9a-f]{64}$/);
        const short = full.replace(/^(.*@sha256:[0-9a-f]{12}).*$/, "$1");
        const row = table.stdout.split("\n").find((line) => line.trimStart().startsWith("web "));
        assert.ok(row !== undefined && row.includes(`${short} `) && !row.includes(full), `web's row shows ${short}, not the whole digest:\n${table.stdout}`);
        assert.ok(Math.max(...table.stdout.split("\n").map((line) => line.length)) < 140, `no line of the table is 140 columns or more (the whole digest made it 180):\n${table.stdout}`);
    });

    it("names the kubeconfig it cannot use, and the context it lacks, exit 2", async () => {
        const recording = readRecording("kubernetes-shop-no-node");
        const missing = recordingIo(recording);
        assert.strictEqual(await main(["status", "--state", "state.json", "--kubeconfig", "/nonexistent/kubeconfig"], missing.io), 2);
        assert.match(missing.out.stdout, /e2e-status-prod: status could not be read: cannot reach the Kubernetes cluster of the kubeconfig \/nonexistent\/kubeconfig: ENOENT/);

        const replay = await ReplayServer.kubernetes(recording);
        try {
            const context = recordingIo(recording);
            assert.strictEqual(await main(["status", "--state", "state.json", "--kubeconfig", replay.kubeconfig, "--context", "elsewhere"], context.io), 2);
            assert.match(context.out.stdout, /cannot reach the Kubernetes cluster of the kubeconfig \S+: .*elsewhere/);
        } finally {
            await replay.close();
        }
    });

    it("a server that does not answer is named with its address and context, exit 2", async () => {
        const recording = readRecording("kubernetes-shop-no-node");
        const replay = await ReplayServer.kubernetes(recording);
        await replay.close();
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-closed-"));
        const kubeconfig = path.join(dir, "kubeconfig");
        fs.writeFileSync(kubeconfig, replayKubeconfig(replay.address));
        try {
            const { io, out } = recordingIo(recording);
            assert.strictEqual(await main(["status", "--state", "state.json", "--kubeconfig", kubeconfig], io), 2);
            assert.match(out.stdout, /status could not be read: cannot reach the Kubernetes API server http:\/\/127\.0\.0\.1:\d+ \(context replay\): .*ECONNREFUSED/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("berth logs on Kubernetes (recorded answers of the local API server)", () => {
    it("says there is no log while no pod of the app has started, exit 1", async () => {
        const recording = readRecording("kubernetes-shop-no-node");
        const replay = await ReplayServer.kubernetes(recording);
        try {
            const { io, out } = recordingIo(recording);
            const code = await main(["logs", "web", "--state", "state.json", "--kubeconfig", replay.kubeconfig], io);
            assert.strictEqual(code, 1);
            assert.strictEqual(out.stdout, "");
            const lines = out.stderr.trimEnd().split("\n");
            assert.strictEqual(lines.length, 3);
            for (const line of lines) {
                assert.match(line, /^berth logs: web-[0-9a-z]+-[0-9a-z]{5}: not started yet \(not scheduled to a node\), no log$/);
            }
        } finally {
            await replay.close();
        }
    });
});
