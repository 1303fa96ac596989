import { UnknownValueError } from "@pulumi/policy";

/** Stands for a property whose value is computed later (during a preview). */
export const notKnown: unique symbol = Symbol("not known until apply");

/**
 * Reads a resource property that may not be known yet. During a preview the
 * policy SDK hands policies a proxy that throws on a value computed later
 * (an image id from an image not pulled yet); letting it throw would turn the
 * whole policy for that resource into an advisory "can't run". Each rule
 * reads only its own fields through this and skips what is `notKnown`, so an
 * unknown image never hides a privileged container; `pulumi up` checks again
 * once the value is known.
 */
export function known<T>(read: () => T): T | typeof notKnown {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return notKnown;
        }
        throw error;
    }
}

/** A nested property, unknown-safe: undefined when a step is missing, `notKnown` when not known yet. */
export function field(value: unknown, ...path: string[]): unknown {
    return known(() =>
        path.reduce<unknown>((current, key) => (typeof current === "object" && current !== null ? (current as Record<string, unknown>)[key] : undefined), value),
    );
}

/** A list property: [] when absent, not known yet, or not a list. */
export function fieldList(value: unknown, ...path: string[]): unknown[] {
    const list = field(value, ...path);
    return Array.isArray(list) ? list : [];
}
