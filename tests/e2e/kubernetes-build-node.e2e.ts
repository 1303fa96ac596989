import * as assert from "assert";
import * as path from "path";
import { buildTestImages, ensureDockerPlugin, LocalDocker } from "./docker-engine";
import { KubeApi, KubeObject } from "./kubernetes-api";
import { expectNamespaceAbsent, expectNothingLeft } from "./kubernetes-namespace";
import { NodeCluster, podsOf } from "./kubernetes-node";
import { LocalRegistry } from "./registry";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * examples/build's prod stack on a real node (tools/cluster start --node), its seed job included:
 * built by the local dockerd, pushed to a local registry (tools/registry) and
 * pulled from it by the node's containerd, by digest; `up` waits until every
 * pod is Ready. Nothing is copied into the node by hand: the images the pods
 * run are the ones the registry serves. The registry is open (no basic
 * auth): berth pushes with the stack's credentials, but credentials for
 * pulling are the cluster's setup (imagePullSecrets, or the node's runtime
 * config), which this node has none of; kubernetes-build.e2e.ts covers the
 * push with credentials.
 */

/** The machine's one node: the suite starts it fresh in a dir of its own and stops it. */
const clusterDir = process.env.BERTH_BUILD_NODE_CLUSTER_DIR ?? "/tmp/berth-build-node-cluster";
const namespace = "build";

describe("berth's built images pulled by digest and run on a real Kubernetes node, through the real engine and a local registry", function () {
    stopAtFirstFailure();
    let engine: LocalDocker | undefined;
    let registry: LocalRegistry | undefined;
    let node: NodeCluster | undefined;
    let api: KubeApi;
    let stack: E2EStack | undefined;
    const repository = (app: string) => `${registry!.address}/e2e/build/${app}`;
    /** The app's pods: the prod tier's two replicas. */
    const podsOfApp = async (app: string): Promise<Array<KubeObject & { ready: boolean }>> => {
        const pods = await podsOf(api, namespace, app);
        assert.strictEqual(pods.length, 2, `${app} runs two pods`);
        return pods;
    };

    before(async function () {
        useBuiltTools();
        ensureDockerPlugin();
        engine = LocalDocker.ensure();
        buildTestImages();
        registry = await LocalRegistry.start();
        node = NodeCluster.startFresh(clusterDir);
        api = KubeApi.fromKubeconfig(node.kubeconfig);
        await expectNamespaceAbsent(api, namespace);
        stack = await E2EStack.create(
            path.join(repoRoot, "examples", "build"),
            "prod",
            {
                "berth:registry": { value: `http://${registry.address}/e2e` },
                "berth:skipAwait": { value: "false" },
                "kubernetes:kubeconfig": { value: node.kubeconfig },
                // The prod tier's least replicas (2), with small requests: the node has 2 CPUs, shared with the machine.
                "berth-build:replicas": { value: "2" },
                "berth:defaults": { value: JSON.stringify({ resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { cpu: "500m", memory: "128Mi" } } }) },
            },
            "e2e-build-node",
        );
    });

    after(async function () {
        try {
            await stack?.dispose();
        } finally {
            try {
                node?.stop();
            } finally {
                registry?.stop();
                engine?.stopIfStartedHere();
            }
        }
    });

    it("up builds, pushes and waits until the pods, pulled from the registry by digest, are Ready", async () => {
        const result = await stack!.stack.up({ color: "never" });
        assert.strictEqual(result.summary.result, "succeeded");
        for (const app of ["api", "web"]) {
            const [tag] = await registry!.tags(`e2e/build/${app}`);
            const digest = await registry!.digest(`e2e/build/${app}`, tag);
            for (const pod of await podsOfApp(app)) {
                assert.ok(pod.ready, `${pod.metadata.name} is Ready`);
                assert.strictEqual(pod.spec.nodeName, "berth-node");
                const status = pod.status.containerStatuses[0];
                assert.strictEqual(pod.spec.containers[0].image, `${repository(app)}@${digest}`);
                // What the runtime pulled and runs: the registry's manifest, by its digest.
                assert.strictEqual(status.imageID, `${repository(app)}@${digest}`);
                assert.strictEqual(status.restartCount, 0);
            }
        }
    });

    it("the seed Job, built and pulled by digest, ran to completion on the node before up returned", async () => {
        const [tag] = await registry!.tags("e2e/build/seed");
        const digest = await registry!.digest("e2e/build/seed", tag);
        const [job] = await api.list("Job", namespace, "app.kubernetes.io/name=seed");
        assert.strictEqual(job.status?.succeeded, 1, JSON.stringify(job.status));
        const pods = await podsOf(api, namespace, "seed");
        assert.strictEqual(pods.length, 1);
        assert.strictEqual(pods[0].status.phase, "Succeeded");
        assert.strictEqual(pods[0].status.containerStatuses[0].imageID, `${repository("seed")}@${digest}`);
    });

    it("the built web serves the page built into it, and reaches the built api, which reports the release built into it", async () => {
        const [web] = await podsOfApp("web");
        const page = node!.exec(web, "timeout 5 wget -q -O - http://127.0.0.1:8080/");
        assert.strictEqual(page.status, 0, page.output);
        assert.match(page.output, /Hello from web, built from examples\/build\/web\./);
        const upstream = node!.exec(web, 'timeout 5 wget -q -O - "$API_URL/"');
        assert.strictEqual(upstream.status, 0, upstream.output);
        assert.strictEqual(upstream.output.trim(), "api release 1.0.0");
    });

    it("destroy removes the stack's objects", async () => {
        const result = await stack!.stack.destroy({ color: "never" });
        assert.strictEqual(result.summary.result, "succeeded");
        await expectNothingLeft(api, namespace, true);
    });
});
