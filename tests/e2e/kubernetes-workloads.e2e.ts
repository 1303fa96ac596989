import * as assert from "assert";
import { randomBytes } from "crypto";
import * as path from "path";
import { KubeApi, KubeObject, namespacedKinds, waitFor } from "./kubernetes-api";
import { LocalCluster } from "./kubernetes-cluster";
import { expectNamespaceAbsent, managedByBerth } from "./kubernetes-namespace";
import { changes, creates } from "./kubernetes-preview";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * examples/voting's prod stack on Kubernetes through the real engine and
 * Kubernetes provider, against the API server of tools/cluster (issue 15):
 * it passes the prod tier with its singletons, and the StatefulSet with its
 * claim template and headless Service, the Recreate Deployment of a
 * singleton without data, the migration Job named after its spec, native
 * sidecars, init containers and the allow policies read back as declared. A
 * config change the job uses runs a new Job. There is no kubelet, so the
 * stack sets berth:skipAwait: nothing waits for readiness or for the Job to
 * complete (tests/e2e/kubernetes-node.e2e.ts runs pods on a real node).
 */

const namespace = "voting";
const namespaceGoneMs = 180_000;

describe("berth on Kubernetes: stateful apps, jobs, init containers and sidecars (examples/voting prod, real engine, local API server)", function () {
    stopAtFirstFailure();
    let cluster: LocalCluster;
    let api: KubeApi;
    let stack: E2EStack;
    let firstJob: string;

    before(async function () {
        useBuiltTools();
        cluster = LocalCluster.ensure();
        api = KubeApi.fromKubeconfig(cluster.kubeconfig);
        await expectNamespaceAbsent(api, namespace);
        stack = await E2EStack.create(path.join(repoRoot, "examples", "voting"), "prod", {
            "voting:dbPassword": { value: `e2e-db-${randomBytes(8).toString("hex")}`, secret: true },
            "berth:skipAwait": { value: "true" },
            "kubernetes:kubeconfig": { value: cluster.kubeconfig },
        });
    });

    after(async function () {
        try {
            await stack?.dispose();
        } finally {
            cluster?.stopIfStartedHere();
        }
    });

    it("preview passes the prod tier and lists a StatefulSet and its headless Service for the database, a Job for the migration, Deployments for the rest", async () => {
        const planned = creates(await stack.previewJson()).filter((key) => /^kubernetes:.*(StatefulSet|Job|Deployment|Service)::/.test(key));
        assert.deepStrictEqual(planned, [
            "kubernetes:apps/v1:Deployment::redis",
            "kubernetes:apps/v1:Deployment::result",
            "kubernetes:apps/v1:Deployment::vote",
            "kubernetes:apps/v1:Deployment::worker",
            "kubernetes:apps/v1:StatefulSet::db",
            "kubernetes:batch/v1:Job::migrate",
            "kubernetes:core/v1:Service::db",
            "kubernetes:core/v1:Service::db-headless",
            "kubernetes:core/v1:Service::redis",
            "kubernetes:core/v1:Service::result",
            "kubernetes:core/v1:Service::vote",
            "kubernetes:core/v1:Service::worker",
        ]);
    });

    it("up creates them", async () => {
        const result = await stack.stack.up({ color: "never" });
        assert.strictEqual(result.summary.result, "succeeded");
    });

    it("the database is a StatefulSet of one pod with a ReadWriteOnce claim template (kept when it goes), behind its headless Service", async () => {
        const db = await api.mustGet("StatefulSet", "db", namespace);
        assert.strictEqual(db.spec.replicas, 1);
        assert.strictEqual(db.spec.serviceName, "db-headless");
        assert.deepStrictEqual(
            db.spec.volumeClaimTemplates.map((t: KubeObject) => [t.metadata.name, t.spec.accessModes, t.spec.resources.requests.storage]),
            [["volume-data", ["ReadWriteOnce"], "20Gi"]],
        );
        assert.deepStrictEqual(db.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
        const headless = await api.mustGet("Service", "db-headless", namespace);
        assert.strictEqual(headless.spec.clusterIP, "None");
        if (cluster.controllersRun) {
            // The StatefulSet controller makes each replica's claim from the template.
            const claim = await waitFor("the claim of db-0", 60_000, () => api.get("PersistentVolumeClaim", "volume-data-db-0", namespace));
            assert.deepStrictEqual(claim.spec.accessModes, ["ReadWriteOnce"]);
        }
    });

    it("the queue, a singleton without data, is a Deployment of one pod that never runs two: the Recreate strategy", async () => {
        const redis = await api.mustGet("Deployment", "redis", namespace);
        assert.strictEqual(redis.spec.replicas, 1);
        assert.strictEqual(redis.spec.strategy.type, "Recreate");
    });

    it("the migration is a Job named after its spec: no retry, a deadline, its pod never restarted, the end of its log as the failure message", async () => {
        const jobs = await api.list("Job", namespace, managedByBerth);
        assert.deepStrictEqual(jobs.map((j) => j.metadata.name.replace(/-[0-9a-f]{10}$/, "-<hash>")), ["migrate-<hash>"]);
        const job = jobs[0];
        firstJob = job.metadata.name;
        assert.strictEqual(job.spec.backoffLimit, 0);
        assert.strictEqual(job.spec.activeDeadlineSeconds, 300);
        const pod = job.spec.template.spec;
        assert.strictEqual(pod.restartPolicy, "Never");
        assert.deepStrictEqual(pod.containers[0].command, ["/app/migrate", "--to", "latest"]);
        assert.strictEqual(pod.containers[0].terminationMessagePolicy, "FallbackToLogsOnError");
    });

    it("the worker's metrics exporter is a native sidecar, the result page's settings an init container that writes a volume its app reads", async () => {
        const worker = (await api.mustGet("Deployment", "worker", namespace)).spec.template.spec;
        assert.deepStrictEqual(
            worker.initContainers.map((c: { name: string; restartPolicy?: string }) => [c.name, c.restartPolicy]),
            [["metrics", "Always"]],
        );
        const result = (await api.mustGet("Deployment", "result", namespace)).spec.template.spec;
        const init = result.initContainers[0];
        assert.deepStrictEqual([init.name, init.restartPolicy], ["render-settings", undefined]);
        assert.deepStrictEqual(init.volumeMounts.find((m: { name: string }) => m.name === "volume-settings"), { name: "volume-settings", mountPath: "/data" });
        const appMount = result.containers[0].volumeMounts.find((m: { name: string }) => m.name === "volume-settings");
        assert.deepStrictEqual(appMount, { name: "volume-settings", mountPath: "/data", readOnly: true });
    });

    it("allowFrom lets exactly the named apps and the job reach the database", async () => {
        const policy = await api.mustGet("NetworkPolicy", "db-allow", namespace);
        const from = policy.spec.ingress.flatMap((rule: { from: Array<{ podSelector: { matchLabels: Record<string, string> } }> }) => rule.from.map((f) => f.podSelector.matchLabels["app.kubernetes.io/name"]));
        assert.deepStrictEqual(from.sort(), ["migrate", "result", "worker"]);
    });

    it("a second preview reports no changes", async () => {
        assert.deepStrictEqual(changes(await stack.previewJson()), {});
    });

    it("a new schema version in the config the job uses runs a new Job: the old one is replaced; then a preview reports no changes", async () => {
        await stack.stack.setConfig("voting:schemaVersion", { value: "8" });
        const planned = changes(await stack.previewJson());
        assert.strictEqual(planned["kubernetes:batch/v1:Job::migrate"], "replace");
        await stack.stack.up({ color: "never" });
        const jobs = (await api.list("Job", namespace, managedByBerth)).filter((j) => !j.metadata.deletionTimestamp);
        assert.strictEqual(jobs.length, 1);
        assert.notStrictEqual(jobs[0].metadata.name, firstJob);
        assert.deepStrictEqual(changes(await stack.previewJson()), {});
    });

    it("destroy leaves nothing: the namespace goes, and with it the claims the StatefulSet kept (without the controllers there are none)", async () => {
        await stack.stack.destroy({ color: "never" });
        if (cluster.controllersRun) {
            await waitFor(`namespace ${namespace} to be gone`, namespaceGoneMs, async () => ((await api.get("Namespace", namespace)) ? undefined : true));
        }
        for (const kind of namespacedKinds) {
            const left = (await api.list(kind, namespace, managedByBerth)).filter((o) => !o.metadata.deletionTimestamp);
            assert.deepStrictEqual(left.map((o) => o.metadata.name), [], `no ${kind} of berth's is left in ${namespace}`);
        }
    });
});
