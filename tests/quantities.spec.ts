import * as assert from "assert";
import { cpuCores, memoryMebibytes, normaliseCpu, normaliseMemory } from "../components/model/quantities";

describe("Quantities are written in the API server's canonical form", () => {
    const cpu: Array<[string, string]> = [["250m", "250m"], ["0.5", "500m"], ["1000m", "1"], ["2", "2"], ["1.5", "1500m"]];
    for (const [given, canonical] of cpu) {
        it(`CPU ${given} -> ${canonical}`, () => assert.strictEqual(normaliseCpu(given), canonical));
    }
    const memory: Array<[string, string]> = [["256Mi", "256Mi"], ["1024Mi", "1Gi"], ["1536Mi", "1536Mi"], ["1000M", "1G"], ["500M", "500M"], ["2048Ki", "2Mi"]];
    for (const [given, canonical] of memory) {
        it(`memory ${given} -> ${canonical}`, () => assert.strictEqual(normaliseMemory(given), canonical));
    }
    it("Docker gets whole MiB, rounded up, and decimal cores", () => {
        assert.strictEqual(memoryMebibytes("256Mi"), 256);
        assert.strictEqual(memoryMebibytes("500M"), 477);
        assert.strictEqual(cpuCores("250m"), "0.25");
    });
    it("rejects what is not a quantity", () => {
        assert.throws(() => normaliseCpu("fast"), /not a CPU quantity/);
        assert.throws(() => normaliseMemory("0Mi"), /not a memory quantity/);
    });
});
