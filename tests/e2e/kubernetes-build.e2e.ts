import * as assert from "assert";
import { randomBytes } from "crypto";
import * as path from "path";
import { buildTestImages, encryptedState, ensureDockerPlugin, LocalDocker } from "./docker-engine";
import { KubeApi } from "./kubernetes-api";
import { LocalCluster } from "./kubernetes-cluster";
import { expectNamespaceAbsent, expectNothingLeft } from "./kubernetes-namespace";
import { changes, leakedSecrets } from "./kubernetes-preview";
import { LocalRegistry } from "./registry";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * examples/build's prod stack on Kubernetes, for real: both apps and the seed
 * job built by the local dockerd from the example's sources, pushed with basic auth to a local
 * registry (Debian's docker-registry, tools/registry, started and stopped
 * here), and deployed by digest on the API server of tools/cluster (no
 * kubelet: berth:skipAwait). The registry's HTTP API says what was pushed and
 * under which digest; the Deployments and the Job must run exactly that.
 */
describe("berth builds, pushes and deploys by digest on Kubernetes, through the real engine, a local registry and API server", function () {
    stopAtFirstFailure();
    const namespace = "build";
    const user = "ci";
    const password = `e2e-registry-pw-${randomBytes(12).toString("hex")}`;
    let cluster: LocalCluster | undefined;
    let engine: LocalDocker | undefined;
    let registry: LocalRegistry | undefined;
    let api: KubeApi;
    let stack: E2EStack | undefined;
    const repository = (app: string) => `e2e/build/${app}`;

    before(async function () {
        useBuiltTools();
        ensureDockerPlugin();
        engine = LocalDocker.ensure();
        buildTestImages();
        registry = await LocalRegistry.start(user, password);
        cluster = LocalCluster.ensure();
        api = KubeApi.fromKubeconfig(cluster.kubeconfig);
        await expectNamespaceAbsent(api, namespace);
        stack = await E2EStack.create(
            path.join(repoRoot, "examples", "build"),
            "prod",
            {
                "berth:registry": { value: `http://${registry.address}/e2e` },
                "berth:registryUsername": { value: user },
                "berth:registryPassword": { value: password, secret: true },
                "berth:skipAwait": { value: "true" },
                "kubernetes:kubeconfig": { value: cluster.kubeconfig },
            },
            "e2e-build-prod",
        );
    });

    after(async function () {
        try {
            await stack?.dispose();
        } finally {
            registry?.stop();
            cluster?.stopIfStartedHere();
            engine?.stopIfStartedHere();
        }
    });

    it("up builds the three images, pushes them and creates the Deployments and the Job, in a prod stack (pinned images, no digest copied by hand)", async () => {
        const result = await stack!.stack.up({ color: "never" });
        assert.strictEqual(result.summary.result, "succeeded");
        assert.strictEqual(result.outputs.api.value, "api.build.svc:8080");
    });

    it("each Deployment runs the digest the registry reports for the one tag pushed", async () => {
        for (const app of ["api", "web"]) {
            const tags = await registry!.tags(repository(app));
            assert.strictEqual(tags.length, 1, `${app}: one tag pushed, got ${tags.join(", ")}`);
            assert.match(tags[0], /^[0-9a-f]{16}$/, "the tag is the build's digest");
            const digest = await registry!.digest(repository(app), tags[0]);
            const deployment = await api.mustGet("Deployment", app, namespace);
            assert.strictEqual(deployment.spec.template.spec.containers[0].image, `${registry!.address}/${repository(app)}@${digest}`);
        }
    });

    it("the Job runs the digest the registry reports for the seed's one tag, and is named after its spec (digest included)", async () => {
        const tags = await registry!.tags(repository("seed"));
        assert.strictEqual(tags.length, 1, `seed: one tag pushed, got ${tags.join(", ")}`);
        const digest = await registry!.digest(repository("seed"), tags[0]);
        const jobs = await api.list("Job", namespace, "app.kubernetes.io/name=seed");
        assert.strictEqual(jobs.length, 1, `one seed Job, got ${jobs.map((j) => j.metadata.name).join(", ")}`);
        assert.match(jobs[0].metadata.name, /^seed-[0-9a-f]{10}$/);
        assert.strictEqual(jobs[0].spec.template.spec.containers[0].image, `${registry!.address}/${repository("seed")}@${digest}`);
    });

    it("holds the registry password nowhere in plaintext: not in state, not in a preview", async () => {
        assert.deepStrictEqual(leakedSecrets(encryptedState(stack!), [password]), []);
        assert.deepStrictEqual(leakedSecrets(JSON.stringify(await stack!.previewJson()), [password]), []);
    });

    it("a second preview shows no change (the sources, the registry's digests and the Deployments agree)", async () => {
        assert.deepStrictEqual(changes(await stack!.previewJson()), {});
    });

    it("a new release rebuilds and pushes the api and the seed, rolls the api's Deployment to the new digest in place and replaces the Job (a new name: it runs again); web is untouched", async () => {
        const [seedBefore] = await api.list("Job", namespace, "app.kubernetes.io/name=seed");
        const apiBefore = await api.mustGet("Deployment", "api", namespace);
        const webBefore = (await api.mustGet("Deployment", "web", namespace)).metadata.generation;
        await stack!.stack.setConfig("berth-build:release", { value: "1.0.1" });
        const preview = await stack!.previewJson();
        const planned = changes(preview);
        assert.deepStrictEqual(Object.keys(planned).sort(), [
            "docker:index/registryImage:RegistryImage::api-push",
            "docker:index/registryImage:RegistryImage::seed-push",
            "docker:index/remoteImage:RemoteImage::api-image",
            "docker:index/remoteImage:RemoteImage::seed-image",
            "kubernetes:apps/v1:Deployment::api",
            "kubernetes:batch/v1:Job::seed",
        ]);
        assert.strictEqual(planned["kubernetes:batch/v1:Job::seed"], "replace");
        assert.strictEqual(planned["docker:index/remoteImage:RemoteImage::api-image"], "replace");
        assert.strictEqual(planned["docker:index/registryImage:RegistryImage::api-push"], "replace");
        const deploymentStep = (preview.steps ?? []).find((step) => step.urn.endsWith("apps/v1:Deployment::api"))!;
        // The preview cannot know the digest a push will get: the Deployment's image is unknown, and the provider plans conservatively.
        console.log(`      preview of the api Deployment: ${deploymentStep.op} (diff: ${deploymentStep.diffReasons?.join(", ")}; replace: ${deploymentStep.replaceReasons?.join(", ") ?? "none"})`);

        const result = await stack!.stack.up({ color: "never" });
        // What the engine did: the images and the Job replaced, the Deployment updated in place (a rolling update, not delete and create).
        assert.deepStrictEqual(
            { replace: result.summary.resourceChanges?.replace, update: result.summary.resourceChanges?.update },
            { replace: 5, update: 1 },
            JSON.stringify(result.summary.resourceChanges),
        );
        const apiAfter = await api.mustGet("Deployment", "api", namespace);
        assert.strictEqual(apiAfter.metadata.uid, apiBefore.metadata.uid, "the same Deployment object, updated");
        assert.ok((apiAfter.metadata.generation ?? 0) > (apiBefore.metadata.generation ?? 0), "its pod template changed");
        const tags = await registry!.tags(repository("api"));
        assert.strictEqual(tags.length, 2, "the registry keeps the earlier push (a rollback may need it)");
        const image = apiAfter.spec.template.spec.containers[0].image as string;
        assert.notStrictEqual(image, apiBefore.spec.template.spec.containers[0].image);
        const digests = await Promise.all(tags.map((tag) => registry!.digest(repository("api"), tag)));
        assert.ok(digests.some((digest) => image === `${registry!.address}/${repository("api")}@${digest}`), `${image} is one of the pushed digests`);
        assert.strictEqual((await api.mustGet("Deployment", "web", namespace)).metadata.generation, webBefore);
        const seedJobs = await api.list("Job", namespace, "app.kubernetes.io/name=seed");
        assert.strictEqual(seedJobs.length, 1, "the finished Job is deleted once its replacement exists");
        assert.notStrictEqual(seedJobs[0].metadata.name, seedBefore.metadata.name, "the Job's name carries its spec's hash, the digest in it");
        const seedTags = await registry!.tags(repository("seed"));
        assert.strictEqual(seedTags.length, 2);
        const seedDigests = await Promise.all(seedTags.map((tag) => registry!.digest(repository("seed"), tag)));
        const seedImage = seedJobs[0].spec.template.spec.containers[0].image as string;
        assert.notStrictEqual(seedImage, seedBefore.spec.template.spec.containers[0].image);
        assert.ok(seedDigests.some((digest) => seedImage === `${registry!.address}/${repository("seed")}@${digest}`), `${seedImage} is one of the pushed digests`);
        assert.deepStrictEqual(changes(await stack!.previewJson()), {});
    });

    it("destroy removes the stack's objects, and keeps what the registry holds", async () => {
        await stack!.stack.destroy({ color: "never" });
        await expectNothingLeft(api, namespace, cluster!.controllersRun);
        assert.strictEqual((await registry!.tags(repository("web"))).length, 1);
        assert.strictEqual((await registry!.tags(repository("seed"))).length, 2);
    });
});
