import * as assert from "assert";
import { renderReport } from "../../cli/review/report/markdown";
import { readPreview } from "../../cli/review/read/preview";
import { reviewStack } from "../../cli/review/stack-review";
import { previewOf, previewStep, reviewFixture } from "./helpers";

describe("berth review: the Markdown report", () => {
    const prod = reviewFixture("prod-kubernetes.json", "prod");
    const dev = reviewFixture("dev-docker.json", "dev");

    it("has a section per stack, each with its summary table", () => {
        const report = renderReport([dev, prod]);
        const devAt = report.indexOf("### Stack `dev`");
        const prodAt = report.indexOf("### Stack `prod`");
        assert.ok(devAt > 0 && prodAt > devAt, "stacks in the order given");
        assert.ok(report.includes("| Creates | Updates | Replaces | Deletes |\n|--------:|--------:|---------:|--------:|\n| 0 | 0 | 4 | 4 |"));
        assert.ok(report.includes("| 3 | 6 | 0 | 6 |"));
    });

    it("writes one line per change under its component, with the resource's kind", () => {
        const report = renderReport([prod]);
        assert.ok(report.includes("#### ContainerApp `db`\n\n- ⚠️ `db-allow` (NetworkPolicy): **DELETED**"));
        assert.ok(report.includes("- ⚠️ `db-data` (PersistentVolumeClaim): **DELETE**, persistent volume, its data will be lost\n"));
        assert.ok(report.includes("- `api` (Deployment): rolling restart, config `GREETING`, `shop.conf` and secret `API_TOKEN` changed (AppConfig `shop-config`)\n"));
        assert.ok(report.includes("#### Not part of a berth component\n\n- `migrate` (Job): created"));
    });

    it("says up front what needs attention, data loss first", () => {
        assert.ok(renderReport([prod]).includes("Needs attention: **data loss**: `db-data`; 7 more changes marked ⚠️ below."));
    });

    it("says there are no changes for an empty preview", () => {
        const report = renderReport([reviewFixture("prod-no-changes.json", "prod")]);
        assert.ok(report.includes("| 0 | 0 | 0 | 0 |\n\nNo changes (23 unchanged)."));
        assert.ok(!report.includes("####"));
    });

    it("puts what blocked the check first", () => {
        const report = renderReport([prod], { blocked: [{ rule: "stateful-delete", stack: "prod", resources: ["db-data"] }] });
        assert.ok(report.startsWith("## berth review\n\n> **Blocked by `--fail-on`:** `stateful-delete` in `prod` (`db-data`).\n"));
    });

    it("keeps the lines needing attention when it must cut a long stack short", () => {
        const report = renderReport([prod], { maxChanges: 8 });
        assert.strictEqual((report.match(/^- /gm) ?? []).length, 8 + prod.diagnostics.length);
        assert.strictEqual((report.match(/^- ⚠️/gm) ?? []).length, 8);
        assert.ok(report.includes("…and 7 more changes not shown (limit 8 per stack)."));
        assert.ok(report.includes("| 3 | 6 | 0 | 6 |"), "the counts still cover everything");
    });

    it("cannot be made to open HTML, break out of a code span or ping someone by a resource name or message", () => {
        const preview = JSON.parse(previewOf(previewStep("create", "acme:index:Thing", "x`<img src=x onerror=alert(1)>`")));
        preview.diagnostics = [{ severity: "warning", message: "ask @octocat <script>alert(1)</script> | col" }];
        const report = renderReport([reviewStack("<b>stack</b>", readPreview(JSON.stringify(preview), "x"))]);
        // Inside one code span, which GitHub never renders as HTML.
        assert.ok(report.includes("`x'<img src=x onerror=alert(1)>'`"));
        assert.ok(report.includes("@\u200boctocat"));
        assert.ok(report.includes("\\<script\\>"));
        assert.ok(report.includes("\\| col"));
        assert.ok(report.includes("### Stack `<b>stack</b>`"));
    });
});
