import * as assert from "assert";
import { nearMiss } from "../components/validation/near-miss";

describe("Near misses ('did you mean ...?')", () => {
    it("finds a name one or two edits away, a swap of neighbours counting as one", () => {
        assert.strictEqual(nearMiss("wroker", ["vote", "worker", "db"]), "worker");
        assert.strictEqual(nearMiss("webb", ["web", "api"]), "web");
        assert.strictEqual(nearMiss("wbe", ["web"]), "web");
    });

    it("suggests nothing further away, nor for a name so short every candidate is close", () => {
        assert.strictEqual(nearMiss("admin", ["db", "vote", "worker"]), undefined);
        assert.strictEqual(nearMiss("a", ["b"]), undefined);
    });

    it("prefers the closest, then the first in order", () => {
        assert.strictEqual(nearMiss("cache", ["cachex", "cache1", "caches"]), "cache1");
        assert.strictEqual(nearMiss("db", ["db1", "dbs"]), "db1");
    });
});
