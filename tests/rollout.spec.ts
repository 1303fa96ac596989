import * as assert from "assert";
import { runShop } from "./programs";

const deployment = "kubernetes:apps/v1:Deployment";

/** Removes the config-hash annotation, to compare everything else of a Deployment. */
function withoutHash(inputs: any) {
    const copy = JSON.parse(JSON.stringify(inputs));
    delete copy.spec.template.metadata.annotations["berth.dev/config-hash"];
    return copy;
}

describe("Config changes roll the app", () => {
    it("a changed config value changes the pod-template hash and nothing else of the Deployment", async () => {
        const before = (await runShop("kubernetes", { logLevel: "info" })).graph.inputs(deployment, "web");
        const after = (await runShop("kubernetes", { logLevel: "debug" })).graph.inputs(deployment, "web");
        const hashBefore = before.spec.template.metadata.annotations["berth.dev/config-hash"];
        const hashAfter = after.spec.template.metadata.annotations["berth.dev/config-hash"];
        assert.match(hashBefore, /^[0-9a-f]{64}$/);
        assert.notStrictEqual(hashAfter, hashBefore);
        assert.deepStrictEqual(withoutHash(after), withoutHash(before));
    });

    it("a changed file or secret changes the hash too", async () => {
        const base = (await runShop("kubernetes")).graph.inputs(deployment, "web").spec.template.metadata.annotations;
        const file = (await runShop("kubernetes", { appYaml: "greeting: hi\n" })).graph.inputs(deployment, "web").spec.template.metadata.annotations;
        const secret = (await runShop("kubernetes", { token: "another-token" })).graph.inputs(deployment, "web").spec.template.metadata.annotations;
        assert.notDeepStrictEqual(file, base);
        assert.notDeepStrictEqual(secret, base);
    });

    it("the same config gives the same hash on every run (no perpetual diff)", async () => {
        const first = (await runShop("kubernetes")).graph.inputs(deployment, "web");
        const second = (await runShop("kubernetes")).graph.inputs(deployment, "web");
        assert.deepStrictEqual(second, first);
    });

    it("a changed config value updates the ConfigMap under the same name (no orphan left behind)", async () => {
        const before = (await runShop("kubernetes", { logLevel: "info" })).graph.inputs("kubernetes:core/v1:ConfigMap", "web-config");
        const after = (await runShop("kubernetes", { logLevel: "debug" })).graph.inputs("kubernetes:core/v1:ConfigMap", "web-config");
        assert.strictEqual(after.metadata.name, before.metadata.name);
        assert.strictEqual(after.data.LOG_LEVEL, "debug");
    });
});
