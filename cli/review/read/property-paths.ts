/*
 * Property paths as providers write them in a preview's detailedDiff:
 * `spec.template.spec.containers[0].image`, `data["app.yaml"]`,
 * `spec.template.metadata.annotations["berth.dev/config-hash"]`. Keys holding
 * `.`, `[`, `]` or `"` are bracketed and quoted; list indices are bracketed.
 */

export type PathSegment = string | number;

/** Matches any one segment in a pattern. */
export const anySegment = "*";

/** Splits a property path into its keys and indices; a malformed tail is kept as one key. */
export function parsePropertyPath(path: string): PathSegment[] {
    const segments: PathSegment[] = [];
    let i = 0;
    while (i < path.length) {
        const char = path[i];
        if (char === ".") {
            i++;
        } else if (char === "[" && path[i + 1] === '"') {
            let key = "";
            let j = i + 2;
            while (j < path.length && path[j] !== '"') {
                key += path[j] === "\\" && j + 1 < path.length ? path[++j] : path[j];
                j++;
            }
            segments.push(key);
            i = path[j + 1] === "]" ? j + 2 : j + 1;
        } else if (char === "[") {
            const close = path.indexOf("]", i);
            const inner = close < 0 ? path.slice(i + 1) : path.slice(i + 1, close);
            segments.push(/^\d+$/.test(inner) ? Number(inner) : inner);
            i = close < 0 ? path.length : close + 1;
        } else {
            let j = i;
            while (j < path.length && path[j] !== "." && path[j] !== "[") {
                j++;
            }
            segments.push(path.slice(i, j));
            i = j;
        }
    }
    return segments;
}

/** True when `segments` begins with `pattern` (which may use `anySegment`). */
export function startsWithPath(segments: PathSegment[], pattern: PathSegment[]): boolean {
    if (segments.length < pattern.length) {
        return false;
    }
    return pattern.every((part, index) => part === anySegment || part === segments[index]);
}

/** True when `segments` is exactly `pattern` (which may use `anySegment`). */
export function isPath(segments: PathSegment[], pattern: PathSegment[]): boolean {
    return segments.length === pattern.length && startsWithPath(segments, pattern);
}

/** The value at a path inside a state's inputs; undefined when any step is missing. */
export function valueAt(root: unknown, segments: PathSegment[]): unknown {
    let current = root;
    for (const segment of segments) {
        if (typeof segment === "number") {
            if (!Array.isArray(current)) {
                return undefined;
            }
            current = current[segment];
        } else {
            if (typeof current !== "object" || current === null || Array.isArray(current)) {
                return undefined;
            }
            current = (current as Record<string, unknown>)[segment];
        }
    }
    return current;
}
