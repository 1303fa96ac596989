import * as assert from "assert";
import { readPreview } from "../../cli/review/read/preview";
import { reviewStack } from "../../cli/review/stack-review";
import { changeNamed, previewOf, previewStep, reviewFixture } from "./helpers";

const deployment = "kubernetes:apps/v1:Deployment";
const inApp = (type: string) => `berth:index:ContainerApp$${type}`;

describe("berth review: classifying a Kubernetes preview", () => {
    const review = reviewFixture("prod-kubernetes.json", "prod");

    it("counts creates, updates, replaces and deletes, leaving out the stack itself", () => {
        assert.deepStrictEqual(review.counts, { create: 3, update: 6, replace: 0, delete: 6 });
        assert.strictEqual(review.unchanged, 14);
    });

    it("groups changes by berth component: networks, configs, apps, autoscalers, each by name", () => {
        assert.deepStrictEqual(
            review.components.map((group) => `${group.component.type} ${group.component.name}`),
            ["AppConfig shop-config", "ContainerApp api", "ContainerApp db", "ContainerApp web", "AutoscalingPolicy api-scaling"],
        );
        assert.deepStrictEqual(
            review.components.find((group) => group.component.name === "db")!.changes.map((change) => change.name),
            ["db-allow", "db", "db", "db-env", "db-data", "db"],
        );
    });

    it("says a config-hash change is a rolling restart, naming the AppConfig and the keys the app uses", () => {
        assert.strictEqual(
            changeNamed(review, "api", deployment).reason,
            "rolling restart, config `GREETING`, `shop.conf` and secret `API_TOKEN` changed (AppConfig `shop-config`)",
        );
    });

    it("counts only the config keys an app mounts, and not a Secret that shares the ConfigMap's name", () => {
        const web = changeNamed(review, "web", deployment);
        assert.match(web.reason, /config `shop\.conf` changed \(AppConfig `shop-config`\)$/);
        assert.doesNotMatch(web.reason, /GREETING|API_TOKEN/);
    });

    it("shows an image change with both references", () => {
        assert.match(changeNamed(review, "web", deployment).reason, /^rolling update, image `registry\.example\.com\/shop\/web:1\.4\.2` → `registry\.example\.com\/shop\/web:1\.5\.0`/);
    });

    it("marks a deleted persistent volume claim as data loss", () => {
        const claim = changeNamed(review, "db-data");
        assert.strictEqual(claim.reason, "**DELETE**, persistent volume, its data will be lost");
        assert.strictEqual(claim.stateful, true);
        assert.strictEqual(claim.attention, true);
    });

    it("names secret keys but never their values", () => {
        assert.strictEqual(changeNamed(review, "shop-config-secret").reason, "keys `API_TOKEN` changed (values not shown), updated in place");
    });

    it("flags TLS removed from an Ingress and a new LoadBalancer", () => {
        assert.strictEqual(changeNamed(review, "web", "kubernetes:networking.k8s.io/v1:Ingress").reason, "**TLS removed**, public entry for `shop.example.com` now serves plain HTTP");
        assert.strictEqual(changeNamed(review, "web-public").reason, "created, LoadBalancer: reachable from outside the cluster");
        assert.strictEqual(changeNamed(review, "web-public").attention, true);
    });

    it("shows an autoscaler's new range", () => {
        assert.strictEqual(changeNamed(review, "api-scaling", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").reason, "updated in place, now scales between 2 and 20 replicas");
    });

    it("lists resources outside berth components apart, and the preview's warnings", () => {
        assert.deepStrictEqual(review.other.map((change) => `${change.name}: ${change.reason}`), ["migrate: created, runs to completion, image `registry.example.com/shop/migrate:1.5.0`"]);
        assert.deepStrictEqual(review.diagnostics.map((d) => [d.severity, d.resource]), [["warning", "migrate"]]);
    });
});

describe("berth review: classifying a Docker preview", () => {
    const review = reviewFixture("dev-docker.json", "dev");

    it("explains a replaced container by what Docker cannot change in place", () => {
        assert.strictEqual(changeNamed(review, "api-0").reason, "replaced, the Docker target recreates containers when env changes (brief downtime)");
        assert.strictEqual(changeNamed(review, "web-0").reason, "replaced, the Docker target recreates containers when the image and config files change (brief downtime)");
    });

    it("marks a deleted Docker volume as data loss", () => {
        assert.strictEqual(changeNamed(review, "db-data").reason, "**DELETE**, persistent volume, its data will be lost");
        assert.strictEqual(changeNamed(review, "db-data").stateful, true);
    });

    it("names the new image reference", () => {
        assert.strictEqual(changeNamed(review, "web-image").reason, "image reference now `berth-test/web:2`");
    });

    it("counts each replacement once", () => {
        assert.deepStrictEqual(review.counts, { create: 0, update: 0, replace: 4, delete: 4 });
    });
});

describe("berth review: resources berth does not know", () => {
    const review = reviewFixture("staging-unknown-types.json", "staging");

    it("lists other providers' resources by op and changed field paths", () => {
        assert.deepStrictEqual(
            review.other.map((change) => [change.name, change.type, change.reason]),
            [
                ["assets", "aws:s3/bucket:Bucket", "created"],
                ["orders", "aws:sqs/queue:Queue", "**replaced** (`name` changed)"],
                ["cluster", "pulumi:providers:kubernetes", "settings changed: `enableConfigMapMutable`"],
            ],
        );
    });

    it("finds a berth component nested in the user's own component, even without the parent in the state", () => {
        const reports = review.components.find((group) => group.component.name === "reports")!;
        assert.deepStrictEqual(reports.changes.map((change) => change.name), ["reports", "reports-public", "reports"]);
        assert.strictEqual(changeNamed(review, "reports", deployment).reason, "scaled from 1 to 2 replicas");
    });

    it("groups a berth component type it has no words for under its class name", () => {
        const nightly = review.components.find((group) => group.component.type === "CronJob")!;
        assert.strictEqual(nightly.component.name, "nightly");
        assert.deepStrictEqual(nightly.changes.map((change) => change.reason), ["created"]);
    });
});

describe("berth review: steps", () => {
    it("merges the three steps of a replacement shown with --show-replacement-steps into one", () => {
        const detailedDiff = { "spec.selector.matchLabels.tier": { kind: "update-replace" } };
        const old = { metadata: { name: "cache" } };
        const preview = previewOf(
            previewStep("create-replacement", inApp(deployment), "cache", { new: old, detailedDiff }),
            previewStep("replace", inApp(deployment), "cache", { old, new: old, detailedDiff }),
            previewStep("delete-replaced", inApp(deployment), "cache", { old }),
        );
        const review = reviewStack("test", readPreview(preview, "x"));
        assert.deepStrictEqual(review.counts, { create: 0, update: 0, replace: 1, delete: 0 });
        assert.strictEqual(
            changeNamed(review, "cache").reason,
            "**replaced** (`spec.selector.matchLabels.tier` changed): the old Deployment is deleted before the new one is created, so the app is down until new pods are ready",
        );
    });

    it("leaves out same, read, refresh and discard steps", () => {
        const preview = previewOf(
            previewStep("same", inApp(deployment), "a", { old: {}, new: {} }),
            previewStep("read", "kubernetes:core/v1:Namespace", "b", { new: {} }),
            previewStep("refresh", "kubernetes:core/v1:Namespace", "c", { new: {} }),
            previewStep("discard", "kubernetes:core/v1:Namespace", "d", { old: {} }),
        );
        const review = reviewStack("test", readPreview(preview, "x"));
        assert.deepStrictEqual(review.counts, { create: 0, update: 0, replace: 0, delete: 0 });
        assert.deepStrictEqual(review.components, []);
    });

    it("uses the replace reasons when the provider gave no detailed diff", () => {
        const preview = previewOf(previewStep("replace", "docker:index/network:Network", "shop", { old: {}, new: {}, replaceReasons: ["internal"], diffReasons: ["internal"] }));
        assert.strictEqual(
            changeNamed(reviewStack("t", readPreview(preview, "x")), "shop").reason,
            "**replaced** (`internal` changed): its containers lose connectivity until they are recreated on the new network",
        );
    });

    it("says an autoscaler took over the replica count when spec.replicas goes away", () => {
        const preview = previewOf(
            previewStep("update", inApp(deployment), "api", { old: { spec: { replicas: 2 } }, new: { spec: {} }, detailedDiff: { "spec.replicas": { kind: "delete" } } }),
        );
        assert.strictEqual(changeNamed(reviewStack("t", readPreview(preview, "x")), "api").reason, "replica count handed to the autoscaler");
    });

    it("falls back to plain words when the Deployment's config references are unknown", () => {
        const preview = previewOf(
            previewStep("update", inApp(deployment), "api", {
                old: {},
                new: { spec: { template: { spec: { volumes: [{ configMap: { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } }] } } } },
                detailedDiff: { 'spec.template.metadata.annotations["berth.dev/config-hash"]': { kind: "update" } },
            }),
        );
        assert.strictEqual(changeNamed(reviewStack("t", readPreview(preview, "x")), "api").reason, "rolling restart, config hash changed (a config or secret env it uses changed)");
    });

    it("explains a ConfigMap replaced because it is immutable, and how to update it in place", () => {
        const preview = previewOf(
            previewStep("replace", "berth:index:AppConfig$kubernetes:core/v1:ConfigMap", "web-config", {
                old: {},
                new: {},
                detailedDiff: { 'data["app.yaml"]': { kind: "update-replace" } },
                replaceReasons: ["data"],
            }),
        );
        assert.strictEqual(
            changeNamed(reviewStack("t", readPreview(preview, "x")), "web-config").reason,
            '**replaced**, keys `app.yaml` changed: deleted and recreated under the same name (set `kubernetes:enableConfigMapMutable: "true"` to update it in place)',
        );
    });

    it("marks a deleted namespace as data loss", () => {
        const preview = previewOf(previewStep("delete", "berth:index:AppNetwork$kubernetes:core/v1:Namespace", "shop", { old: {} }));
        const change = changeNamed(reviewStack("t", readPreview(preview, "x")), "shop");
        assert.strictEqual(change.stateful, true);
        assert.match(change.reason, /^\*\*DELETE\*\*, namespace: Kubernetes deletes everything in it/);
    });

    it("names the default-deny policy when it is deleted", () => {
        const preview = previewOf(
            previewStep("delete", "berth:index:AppNetwork$kubernetes:networking.k8s.io/v1:NetworkPolicy", "shop-default-deny", {
                old: { spec: { podSelector: {}, policyTypes: ["Ingress"] } },
            }),
        );
        assert.strictEqual(
            changeNamed(reviewStack("t", readPreview(preview, "x")), "shop-default-deny").reason,
            "**DELETED**, default-deny removed: every pod in the namespace accepts traffic from anywhere",
        );
    });
});

describe("berth review: stateful apps and jobs", () => {
    const statefulSet = "kubernetes:apps/v1:StatefulSet";
    const job = "kubernetes:batch/v1:Job";
    const image = (name: string) => ({ spec: { template: { spec: { containers: [{ name: "x", image: name }] } } } });

    it("says a replaced StatefulSet keeps its volume claims, and a deleted one leaves them behind", () => {
        const detailedDiff = { "spec.volumeClaimTemplates[0].spec.resources.requests.storage": { kind: "update-replace" } };
        const review = reviewStack("test", readPreview(previewOf(previewStep("replace", inApp(statefulSet), "db", { old: {}, new: {}, detailedDiff })), "x"));
        assert.match(changeNamed(review, "db").reason, /^\*\*replaced\*\* .*its volume claims, and so the data, are kept$/);
        const deleted = reviewStack("test", readPreview(previewOf(previewStep("delete", inApp(statefulSet), "db", { old: {} })), "x"));
        assert.match(changeNamed(deleted, "db").reason, /its volume claims are kept/);
    });

    it("rolls a StatefulSet's pods on an image change, as a Deployment's", () => {
        const detailedDiff = { "spec.template.spec.containers[0].image": { kind: "update" } };
        const review = reviewStack("test", readPreview(previewOf(previewStep("update", inApp(statefulSet), "db", { old: image("db:1"), new: image("db:2"), detailedDiff })), "x"));
        assert.strictEqual(changeNamed(review, "db").reason, "rolling update, image `db:1` → `db:2`");
    });

    it("says a new Job runs, and a replaced one runs again", () => {
        const created = reviewStack("test", readPreview(previewOf(previewStep("create", "berth:index:ContainerJob$" + job, "migrate", { new: image("m:1") })), "x"));
        assert.strictEqual(changeNamed(created, "migrate").reason, "created, runs to completion, image `m:1`");
        const detailedDiff = { "metadata.name": { kind: "update-replace" } };
        const replaced = reviewStack("test", readPreview(previewOf(previewStep("replace", "berth:index:ContainerJob$" + job, "migrate", { old: image("m:1"), new: image("m:2"), detailedDiff })), "x"));
        assert.match(changeNamed(replaced, "migrate").reason, /^\*\*runs again\*\* \(`metadata\.name` changed\): a new Job replaces the finished one/);
        // A rebuilt image: the registry's new digest is known only once it is pushed.
        const rebuilt = { "metadata.name": { kind: "update-replace" }, "spec.template.spec.containers[0].image": { kind: "update" } };
        const again = reviewStack("test", readPreview(previewOf(previewStep("replace", "berth:index:ContainerJob$" + job, "migrate", { old: image("r/shop/migrate@sha256:aa"), new: {}, detailedDiff: rebuilt })), "x"));
        assert.match(changeNamed(again, "migrate").reason, /^\*\*runs again\*\* .*: a new Job replaces the finished one, image changed$/);
    });

    it("says a Docker container that runs to completion runs again when replaced", () => {
        const container = "docker:index/container:Container";
        const detailedDiff = { envs: { kind: "update-replace" } };
        const preview = previewOf(previewStep("replace", "berth:index:ContainerJob$" + container, "migrate", { old: { attach: true }, new: { attach: true }, detailedDiff }));
        assert.strictEqual(changeNamed(reviewStack("test", readPreview(preview, "x")), "migrate").reason, "**runs again**: env changed");
    });
});
