import * as assert from "assert";
import { failOnHits, parseFailOn } from "../../cli/review/fail-on";
import { reviewFixture } from "./helpers";

describe("berth review: --fail-on", () => {
    const prod = reviewFixture("prod-kubernetes.json", "prod");
    const dev = reviewFixture("dev-docker.json", "dev");

    it("parses a comma-separated list, ignoring blanks and repeats", () => {
        assert.deepStrictEqual(parseFailOn("replace, delete,,replace"), ["replace", "delete"]);
    });

    it("refuses an unknown rule, listing the known ones", () => {
        assert.throws(() => parseFailOn("replace,destroy"), /unknown "destroy"; use create, update, replace, delete, stateful-delete, any/);
    });

    it("stateful-delete matches deleted or replaced volumes only", () => {
        assert.deepStrictEqual(failOnHits([prod, dev], ["stateful-delete"]), [
            { rule: "stateful-delete", stack: "prod", resources: ["db-data"] },
            { rule: "stateful-delete", stack: "dev", resources: ["db-data"] },
        ]);
    });

    it("replace matches replacements, per stack", () => {
        assert.deepStrictEqual(failOnHits([prod, dev], ["replace"]), [{ rule: "replace", stack: "dev", resources: ["api-0", "api-1", "web-image", "web-0"] }]);
    });

    it("matches nothing on an empty preview, whatever the rules", () => {
        assert.deepStrictEqual(failOnHits([reviewFixture("prod-no-changes.json")], ["any", "delete", "stateful-delete"]), []);
    });
});
