import * as pulumi from "@pulumi/pulumi";

/*
 * The model (components/model/) is a plain, fully-resolved description of the
 * system: produced by the components after validation and defaulting, read by
 * the backends. Its maps are sorted by key and its lists in a fixed order, so
 * the same args always give the same child inputs. Values that may not be
 * known yet (images, env values, file contents, secrets) stay pulumi.Inputs.
 */

export type StringMap = Record<string, string>;
export type InputMap = Record<string, pulumi.Input<string>>;

/** Sorts a map by key, so child inputs never depend on the order args were written in. */
export function sortedMap<T>(map: Record<string, T> | undefined): Record<string, T> {
    const source = map ?? {};
    const out: Record<string, T> = {};
    for (const key of Object.keys(source).sort()) {
        out[key] = source[key];
    }
    return out;
}
