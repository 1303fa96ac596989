import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderReport } from "../../components/review/markdown";
import { readPreview } from "../../components/review/preview";
import { reviewStack } from "../../components/review/stack-review";

/** Captured from the real engine by the e2e suite (the Kubernetes issue); absent until that suite has run. */
const captured = path.resolve(__dirname, "..", "..", "..", "tests", "fixtures", "preview-kubernetes.json");

describe("berth review: a preview captured from the real engine", function () {
    before(function () {
        if (!fs.existsSync(captured)) {
            this.skip();
        }
    });

    it("reads it and accounts for every change the engine counted", () => {
        const digest = readPreview(fs.readFileSync(captured, "utf8"), captured);
        const review = reviewStack("kubernetes", digest);
        const summary = digest.changeSummary ?? {};
        assert.strictEqual(review.counts.create, summary.create ?? 0);
        assert.strictEqual(review.counts.update, summary.update ?? 0);
        assert.strictEqual(review.counts.delete, summary.delete ?? 0);
        assert.strictEqual(review.counts.replace, summary.replace ?? 0);
    });

    it("puts every berth child under its component and prints no secret marker", () => {
        const digest = readPreview(fs.readFileSync(captured, "utf8"), captured);
        const review = reviewStack("kubernetes", digest);
        for (const change of review.other) {
            assert.ok(!change.type.startsWith("kubernetes:") || !digest.steps.some((s) => s.urn.includes("berth:index:") && s.urn.endsWith(`::${change.name}`)), `${change.name} belongs to a component`);
        }
        const report = renderReport([review]);
        assert.ok(!report.includes("[secret]"));
        assert.ok(!/[0-9a-f]{40,}/.test(report), "no hash printed");
    });
});
