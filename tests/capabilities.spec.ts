import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { capabilities, capabilityTable } from "../components";

describe("Capability matrix", () => {
    it("the README carries the table exactly as the code defines it", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        assert.ok(readme.includes(capabilityTable()), "README.md's capability table is out of date: paste capabilityTable() output");
    });

    it("every feature says what it does on both targets", () => {
        for (const c of capabilities) {
            for (const target of [c.docker, c.kubernetes]) {
                assert.ok(["supported", "emulated", "not available"].includes(target.support), c.id);
                assert.ok(target.how.length > 0, c.id);
            }
        }
    });
});
