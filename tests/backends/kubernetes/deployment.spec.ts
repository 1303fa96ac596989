import * as assert from "assert";
import { deploymentSpec, rolloutAnnotations } from "../../../components/backends/kubernetes/deployment";
import { podSecurityContext } from "../../../components/backends/kubernetes/security-context";
import { configHashAnnotation } from "../../../shared/annotations";
import { resolveOutput } from "../../../components/testing";
import { app, config } from "../models";

describe("Kubernetes builder: the Deployment", () => {
    const pod = { container: { name: "web", image: "web:1" }, volumes: [] };

    it("sets the replica count, or leaves it out when an autoscaler owns it", () => {
        assert.strictEqual(deploymentSpec(app({ replicas: 3 }), 3, pod).replicas, 3);
        assert.strictEqual(deploymentSpec(app(), undefined, pod).replicas, undefined);
    });

    it("selects the app's pods by the one label that never changes, and labels the template with all of the app's", () => {
        const spec = deploymentSpec(app({ labels: { team: "shop" } }), 1, pod);
        assert.deepStrictEqual(spec.selector, { matchLabels: { "app.kubernetes.io/name": "web" } });
        assert.deepStrictEqual((spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels, {
            "app.kubernetes.io/managed-by": "berth",
            "app.kubernetes.io/name": "web",
            "app.kubernetes.io/part-of": "shop",
            team: "shop",
        });
    });

    it("keeps every old pod until its replacement is ready, mounts no service account token, secures the pod, and leaves out empty volumes", () => {
        const spec = deploymentSpec(app(), 1, pod);
        assert.deepStrictEqual(spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
        assert.deepStrictEqual((spec.template as { spec: unknown }).spec, {
            automountServiceAccountToken: false,
            securityContext: podSecurityContext(app().security),
            containers: [pod.container],
            volumes: undefined,
        });
        assert.strictEqual((deploymentSpec(app({ security: { podSecurityContext: false } }), 1, pod).template as { spec: { securityContext?: unknown } }).spec.securityContext, undefined);
    });

    it("has no rollout annotation without configs or secret env", () => {
        assert.strictEqual(rolloutAnnotations(app(), {}), undefined);
    });

    it("rolls on the hash of the app's configs and secret env", async () => {
        const web = app({ configs: [{ config: { configModel: config("web-config", { values: { A: "1" } }) } }] });
        const annotations = rolloutAnnotations(web, {});
        assert.ok(annotations);
        const hash = await resolveOutput(annotations[configHashAnnotation]);
        assert.match(hash.value, /^[0-9a-f]{64}$/);
        assert.strictEqual(hash.secret, false, "a hash reveals no secret, so it is shown in previews");
        const withSecretEnv = rolloutAnnotations(app(), { DB_PASSWORD: "pw" });
        assert.ok(withSecretEnv && configHashAnnotation in withSecretEnv);
    });
});
