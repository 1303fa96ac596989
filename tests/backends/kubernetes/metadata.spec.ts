import * as assert from "assert";
import { rolloutAwaitSeconds } from "../../../components/backends/kubernetes/container-app";
import { objectAnnotations } from "../../../components/backends/kubernetes/metadata";
import { app } from "../models";

describe("Kubernetes builder: how long up waits for an object", () => {
    it("tells the provider not to wait when the stack or app skips awaiting", () => {
        assert.deepStrictEqual(objectAnnotations(true, 120), { "pulumi.com/skipAwait": "true" });
    });

    it("bounds the provider's wait when given a time, and leaves its default otherwise", () => {
        assert.deepStrictEqual(objectAnnotations(false, 120), { "pulumi.com/timeoutSeconds": "120" });
        assert.strictEqual(objectAnnotations(false), undefined);
    });

    it("gives a rollout healthyTimeoutSeconds for each replica it may start one after another", () => {
        assert.strictEqual(rolloutAwaitSeconds(app({ healthyTimeoutSeconds: 30 }), 4), 120);
        assert.strictEqual(rolloutAwaitSeconds(app({ healthyTimeoutSeconds: 30 }), 0), 30);
    });
});
