import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { failOnHits } from "../../cli/review/fail-on";
import { renderReport } from "../../cli/review/report/markdown";
import { reviewFixture } from "./helpers";

const ciDir = path.resolve(__dirname, "..", "..", "..", "examples", "ci");

describe("examples/ci", () => {
    it("shows in its README the report berth review renders today for the fixtures", () => {
        const reviews = [reviewFixture("dev-docker.json", "dev"), reviewFixture("prod-kubernetes.json", "prod")];
        const report = renderReport(reviews, { blocked: failOnHits(reviews, ["stateful-delete"]) });
        const readme = fs.readFileSync(path.join(ciDir, "README.md"), "utf8");
        assert.ok(readme.includes(report.trimEnd()), "regenerate the README's report with the command it shows");
    });

    it("is a workflow that previews each stack, runs the policy pack and berth review, and comments on the PR", () => {
        const workflow = parse(fs.readFileSync(path.join(ciDir, "berth-preview.yml"), "utf8"));
        assert.ok("pull_request" in workflow.on);
        assert.strictEqual(workflow.permissions["pull-requests"], "write");
        const scripts = (workflow.jobs.preview.steps as { run?: string; uses?: string }[]).map((step) => step.run ?? step.uses ?? "").join("\n");
        assert.match(scripts, /pulumi preview --stack "\$stack" --json/);
        assert.match(scripts, /pulumi preview --stack "\$stack" --policy-pack policies/);
        assert.match(scripts, /berth review --max-changes 150 \$\{FAIL_ON:\+--fail-on "\$FAIL_ON"\}/);
        assert.match(scripts, /actions\/github-script/);
    });
});
