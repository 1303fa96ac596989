import * as assert from "assert";
import { renderReport } from "../../cli/review/report/markdown";
import { readPreview } from "../../cli/review/read/preview";
import { reviewStack } from "../../cli/review/stack-review";
import { parseUrn } from "../../shared/urn";
import { changeNamed, fixtureText } from "./helpers";

/*
 * fixtures/engine-kubernetes-update.json is what Pulumi 3.274.1 printed for a
 * berth program on Kubernetes (provider 4.25.0 rendering YAML, so no cluster
 * was needed) after a change: new config file content, a new secret value,
 * the persistent volume dropped, a published port and an ingress added.
 * See fixtures/README.md.
 */
describe("berth review: a preview printed by the real engine", () => {
    const digest = readPreview(fixtureText("engine-kubernetes-update.json"), "engine-kubernetes-update.json");
    const review = reviewStack("rvtest", digest);

    it("counts what the engine counted, leaving out the stack", () => {
        const summary = digest.changeSummary!;
        assert.deepStrictEqual(review.counts, { create: summary.create, update: summary.update, replace: summary.replace, delete: summary.delete });
        assert.ok(digest.steps.some((step) => parseUrn(step.urn)?.type === "pulumi:pulumi:Stack" && step.op === "same"));
    });

    it("explains an immutable Secret replaced for a new value, and the Deployment replaced with it", () => {
        assert.match(changeNamed(review, "web-config-secret").reason, /^\*\*replaced\*\*, keys `API_TOKEN` changed \(values not shown\)/);
        // The engine gives no field for the Deployment: it is replaced because the Secret it uses is deleted first.
        assert.match(changeNamed(review, "web", "kubernetes:apps/v1:Deployment").reason, /forced by the replacement of `web-config-secret`, which it depends on$/);
    });

    it("names the config file that changed in place, and the volume that goes", () => {
        assert.strictEqual(changeNamed(review, "web-config").reason, "keys `app.yaml` changed, updated in place");
        assert.strictEqual(changeNamed(review, "web-data").reason, "**DELETE**, persistent volume, its data will be lost");
    });

    it("groups every child under its component", () => {
        assert.deepStrictEqual(
            review.components.map((group) => `${group.component.type} ${group.component.name}: ${group.changes.length}`),
            ["AppConfig web-config: 2", "ContainerApp web: 5"],
        );
        assert.deepStrictEqual(review.other, []);
    });

    it("shows the engine's warnings once each, without repeating their prefix", () => {
        const report = renderReport([review]);
        assert.strictEqual(review.diagnostics.length, 2);
        assert.ok(report.includes("- **warning** (`web-config-secret`): rendered YAML will contain a secret value in plaintext"));
        assert.ok(!report.includes("warning: warning"));
    });
});
