import * as assert from "assert";
import { PreviewReadError, readPreview } from "../../cli/review/read/preview";
import { fixtureText } from "./helpers";

describe("berth review: reading `pulumi preview --json`", () => {
    it("reads steps with their op, URN, states, reasons and detailed diff", () => {
        const digest = readPreview(fixtureText("prod-kubernetes.json"), "prod.json");
        const web = digest.steps.find((step) => step.urn.endsWith("kubernetes:apps/v1:Deployment::web"))!;
        assert.strictEqual(web.op, "update");
        assert.strictEqual(web.newState?.type, "kubernetes:apps/v1:Deployment");
        assert.strictEqual(web.newState?.parent, "urn:pulumi:prod::berth-shop::berth:index:ContainerApp::web");
        assert.deepStrictEqual(web.diffReasons, ["spec"]);
        assert.deepStrictEqual(Object.keys(web.detailedDiff ?? {}).sort(), [
            'spec.template.metadata.annotations["berth.dev/config-hash"]',
            "spec.template.spec.containers[0].image",
        ]);
        assert.strictEqual(digest.changeSummary?.same, 14);
        assert.strictEqual(digest.diagnostics[0].severity, "warning");
    });

    it("reads a preview without steps (nothing to do) as an empty list", () => {
        assert.deepStrictEqual(readPreview("{}", "empty.json").steps, []);
        assert.deepStrictEqual(readPreview('{"steps": null, "changeSummary": {"same": 3}}', "x").changeSummary, { same: 3 });
    });

    it("keeps ops it does not know, so a newer engine's preview still reads", () => {
        const digest = readPreview('{"steps":[{"op":"teleport","urn":"urn:pulumi:s::p::t::n","detailedDiff":null}]}', "x");
        assert.strictEqual(digest.steps[0].op, "teleport");
        assert.strictEqual(digest.steps[0].detailedDiff, null);
    });

    it("refuses empty input, naming the source", () => {
        assert.throws(() => readPreview("  \n", "prod.json"), (error: Error) => error instanceof PreviewReadError && /^prod\.json: empty input/.test(error.message));
    });

    it("refuses text that is not JSON, naming the source", () => {
        assert.throws(() => readPreview("Previewing update (prod)", "stdin"), { name: "PreviewReadError", message: /^stdin: not JSON/ });
    });

    it("recognises the streaming event format and says how to turn it off", () => {
        const events = '{"sequence":0,"timestamp":1,"preludeEvent":{}}\n{"sequence":1,"timestamp":1,"summaryEvent":{}}';
        assert.throws(() => readPreview(events, "dev.json"), /PULUMI_ENABLE_STREAMING_JSON_PREVIEW/);
    });

    it("refuses a step without op or urn, naming its index", () => {
        assert.throws(() => readPreview('{"steps":[{"op":"create","urn":"urn:pulumi:s::p::t::a"},{"op":"create"}]}', "x.json"), {
            message: /^x\.json: steps\[1\]: expected "op" and "urn"/,
        });
    });

    it("refuses a document that is not an object", () => {
        assert.throws(() => readPreview("[]", "x.json"), /expected a JSON object/);
    });
});
