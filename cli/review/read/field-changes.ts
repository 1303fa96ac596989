import { PreviewStep } from "./preview";
import { PathSegment, parsePropertyPath } from "./property-paths";

/** One property a step changes. Only its path is ever shown, never its value. */
export interface FieldChange {
    /** The path as the provider wrote it, e.g. `data["app.yaml"]`. */
    path: string;
    segments: PathSegment[];
    /** "add", "update" or "delete". */
    kind: "add" | "update" | "delete";
    /** Whether this change alone forces the resource to be replaced. */
    replaces: boolean;
}

/**
 * What a step changes, property by property, sorted by path: the provider's
 * detailedDiff when it gave one, otherwise the top-level keys it named in
 * replaceReasons and diffReasons.
 */
export function fieldChanges(step: PreviewStep): FieldChange[] {
    const changes: FieldChange[] = [];
    const detailed = step.detailedDiff ?? {};
    if (Object.keys(detailed).length > 0) {
        for (const [path, diff] of Object.entries(detailed)) {
            const replaces = diff.kind.endsWith("-replace");
            const base = diff.kind.replace(/-replace$/, "");
            const kind = base === "add" || base === "delete" ? base : "update";
            changes.push({ path, segments: parsePropertyPath(path), kind, replaces });
        }
    } else {
        const replaceKeys = new Set(step.replaceReasons ?? []);
        for (const key of new Set([...(step.replaceReasons ?? []), ...(step.diffReasons ?? [])])) {
            changes.push({ path: key, segments: parsePropertyPath(key), kind: "update", replaces: replaceKeys.has(key) });
        }
    }
    return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
