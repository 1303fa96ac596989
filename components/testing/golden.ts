import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { ResourceGraph } from "./graph";

/**
 * Compares a graph's snapshot with a golden file: YAML for a .yaml/.yml file
 * (compact, reads like a manifest), JSON otherwise. With UPDATE_GOLDEN=1
 * the file is (re)written instead, so a reviewer sees in the diff what a
 * change does to each environment. A missing golden file is an error, never
 * silently created, so CI cannot pass on a file nobody reviewed.
 */
export function expectGolden(graph: ResourceGraph, file: string): void {
    const snapshot = graph.snapshot();
    const actual = /\.ya?ml$/.test(file) ? stringify(snapshot, { lineWidth: 0 }) : JSON.stringify(snapshot, null, 2) + "\n";
    if (process.env.UPDATE_GOLDEN === "1") {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, actual);
        return;
    }
    if (!fs.existsSync(file)) {
        throw new Error(`golden file ${file} does not exist; run with UPDATE_GOLDEN=1 to create it, then review it`);
    }
    const expected = fs.readFileSync(file, "utf8");
    if (expected !== actual) {
        const expectedLines = expected.split("\n");
        const actualLines = actual.split("\n");
        const first = actualLines.findIndex((line, index) => line !== expectedLines[index]);
        throw new Error(
            `resource graph differs from ${file} at line ${first + 1}:\n` +
                `  expected: ${expectedLines[first]}\n  actual:   ${actualLines[first]}\n` +
                `run with UPDATE_GOLDEN=1 to accept the change, then review the diff`,
        );
    }
}
