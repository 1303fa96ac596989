import * as assert from "assert";
import { deploymentSpec } from "../../../components/backends/kubernetes/deployment";
import { podTemplate, rolloutAnnotations } from "../../../components/backends/kubernetes/pod-template";
import { podSecurityContext } from "../../../components/backends/kubernetes/security-context";
import { configHashAnnotation } from "../../../shared/annotations";
import { resolveOutput } from "../../../components/testing";
import { app, config } from "../models";

describe("Kubernetes builder: the Deployment and its pod template", () => {
    const template = podTemplate({ "app.kubernetes.io/name": "web" }, app().security, { container: { name: "web", image: "web:1" }, volumes: [] });

    it("sets the replica count, or leaves it out when an autoscaler owns it", () => {
        assert.strictEqual(deploymentSpec(app({ replicas: 3 }), 3, template).replicas, 3);
        assert.strictEqual(deploymentSpec(app(), undefined, template).replicas, undefined);
    });

    it("selects the app's pods by the one label that never changes", () => {
        assert.deepStrictEqual(deploymentSpec(app({ labels: { team: "shop" } }), 1, template).selector, { matchLabels: { "app.kubernetes.io/name": "web" } });
    });

    it("keeps every old pod until its replacement is ready", () => {
        assert.deepStrictEqual(deploymentSpec(app(), 1, template).strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    });

    it("stops a singleton's old pod before its new one starts, so two never run at once", () => {
        assert.deepStrictEqual(deploymentSpec(app({ singleton: true }), 1, template).strategy, { type: "Recreate" });
    });

    it("labels the pod template, mounts no service account token, secures the pod, and leaves out empty lists", () => {
        assert.deepStrictEqual(template, {
            metadata: { labels: { "app.kubernetes.io/name": "web" }, annotations: undefined },
            spec: { automountServiceAccountToken: false, securityContext: podSecurityContext(app().security), restartPolicy: undefined, initContainers: undefined, containers: [{ name: "web", image: "web:1" }], volumes: undefined },
        });
    });

    it("lists init containers and sidecars before the container, and never restarts a job's pods", () => {
        const job = podTemplate({}, app().security, { container: { name: "migrate" }, initContainers: [{ name: "wait" }, { name: "proxy", restartPolicy: "Always" }], volumes: [] }, "Never");
        assert.deepStrictEqual((job.spec as { initContainers: unknown }).initContainers, [{ name: "wait" }, { name: "proxy", restartPolicy: "Always" }]);
        assert.strictEqual((job.spec as { restartPolicy: unknown }).restartPolicy, "Never");
    });

    it("secures the pod (user, group, fsGroup owning its volumes, seccomp), unless the workload opts out", () => {
        assert.deepStrictEqual((template.spec as { securityContext: unknown }).securityContext, podSecurityContext(app().security));
        const optedOut = podTemplate({}, app({ security: { podSecurityContext: false } }).security, { container: { name: "web" }, volumes: [] });
        assert.strictEqual((optedOut.spec as { securityContext?: unknown }).securityContext, undefined);
    });

    it("has no rollout annotation without configs or secret env", () => {
        assert.strictEqual(rolloutAnnotations("web", [], {}), undefined);
    });

    it("rolls on the hash of the configs and secret env its containers use", async () => {
        const annotations = rolloutAnnotations("web", [config("web-config", { values: { A: "1" } })], {});
        assert.ok(annotations);
        const hash = await resolveOutput(annotations[configHashAnnotation]);
        assert.match(hash.value, /^[0-9a-f]{64}$/);
        assert.strictEqual(hash.secret, false, "a hash reveals no secret, so it is shown in previews");
        const other = await resolveOutput(rolloutAnnotations("web", [config("web-config", { values: { A: "2" } })], {})![configHashAnnotation]);
        assert.notStrictEqual(other.value, hash.value);
        const withSecretEnv = rolloutAnnotations("web", [], { DB_PASSWORD: "pw" });
        assert.ok(withSecretEnv && configHashAnnotation in withSecretEnv);
    });
});
