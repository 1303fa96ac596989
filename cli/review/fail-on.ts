import { StackReview } from "./stack-review";

/**
 * What `--fail-on` can block on. `stateful-delete` is a delete or replacement
 * of something holding data (a persistent volume, a namespace), whatever its op.
 */
export const failOnRules = ["create", "update", "replace", "delete", "stateful-delete", "any"] as const;

export type FailOnRule = (typeof failOnRules)[number];

/** A rule that matched, with where. */
export interface FailOnHit {
    rule: FailOnRule;
    stack: string;
    /** Names of the matching resources. */
    resources: string[];
}

/** Parses "replace,delete,stateful-delete"; throws naming the unknown word and the allowed ones. */
export function parseFailOn(text: string): FailOnRule[] {
    const words = text
        .split(",")
        .map((word) => word.trim())
        .filter((word) => word !== "");
    const unknown = words.filter((word) => !(failOnRules as readonly string[]).includes(word));
    if (unknown.length > 0) {
        throw new Error(`--fail-on: unknown ${unknown.map((w) => `"${w}"`).join(", ")}; use ${failOnRules.join(", ")}`);
    }
    return [...new Set(words)] as FailOnRule[];
}

/** Every rule that matches some change, per stack; empty when nothing blocks. */
export function failOnHits(reviews: StackReview[], rules: FailOnRule[]): FailOnHit[] {
    const hits: FailOnHit[] = [];
    for (const review of reviews) {
        const changes = [...review.components.flatMap((group) => group.changes), ...review.other];
        for (const rule of rules) {
            const matching = changes.filter((change) => {
                switch (rule) {
                    case "any":
                        return true;
                    case "stateful-delete":
                        return change.stateful && (change.kind === "delete" || change.kind === "replace");
                    default:
                        return change.kind === rule;
                }
            });
            if (matching.length > 0) {
                hits.push({ rule, stack: review.label, resources: matching.map((change) => change.name) });
            }
        }
    }
    return hits;
}
