import * as fs from "fs";
import * as path from "path";
import { readPreview } from "../../cli/review/read/preview";
import { StackReview, reviewStack } from "../../cli/review/stack-review";

/** Specs run from dist/tests/review; the fixtures stay in the source tree. */
export const fixturesDir = path.resolve(__dirname, "..", "..", "..", "tests", "review", "fixtures");

/** The text of a fixture in tests/review/fixtures. */
export function fixtureText(name: string): string {
    return fs.readFileSync(path.join(fixturesDir, name), "utf8");
}

/** A fixture read and classified, labelled with its stack name. */
export function reviewFixture(name: string, label = name.replace(/\.json$/, "")): StackReview {
    return reviewStack(label, readPreview(fixtureText(name), name));
}

/** The one change of that name in a review (throws when absent or ambiguous, naming what there is). */
export function changeNamed(review: StackReview, name: string, type?: string) {
    const all = [...review.components.flatMap((group) => group.changes), ...review.other];
    const found = all.filter((change) => change.name === name && (type === undefined || change.type === type));
    if (found.length !== 1) {
        throw new Error(`expected one change "${name}"${type ? ` of ${type}` : ""}, found ${found.length} (have: ${all.map((c) => `${c.name}:${c.type}`).join(", ")})`);
    }
    return found[0];
}

/** A step of a preview, in the shape `pulumi preview --json` prints, for small inline cases. */
export function previewStep(
    op: string,
    chain: string,
    name: string,
    fields: { old?: Record<string, unknown>; new?: Record<string, unknown>; parent?: string; detailedDiff?: Record<string, { kind: string }> | null; replaceReasons?: string[]; diffReasons?: string[] } = {},
) {
    const urn = `urn:pulumi:test::berth-shop::${chain}::${name}`;
    const type = chain.split("$").pop()!;
    return {
        op,
        urn,
        oldState: fields.old ? { urn, type, custom: true, inputs: fields.old, parent: fields.parent } : undefined,
        newState: fields.new ? { urn, type, custom: true, inputs: fields.new, parent: fields.parent } : undefined,
        replaceReasons: fields.replaceReasons,
        diffReasons: fields.diffReasons,
        detailedDiff: fields.detailedDiff ?? null,
    };
}

/** A preview document holding the given steps. */
export function previewOf(...steps: unknown[]): string {
    return JSON.stringify({ steps });
}
