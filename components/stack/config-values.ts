import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { describeIssues } from "../validation/errors";

/* Reading and checking stack config values, with errors that name the stack and each key. */

/** An error in stack config: names the stack, and each key with its problem. */
export class StackConfigError extends Error {
    constructor(public readonly problems: string[]) {
        super(`stack "${pulumi.getStack()}": ${problems.join("; ")}`);
        this.name = "StackConfigError";
    }
}

/** `config key "ns:key" <problem>` lines for every issue of one key. */
export function keyProblems(key: string, problems: string[]): string[] {
    return problems.map((problem) => `config key "${key}" ${problem}`);
}

/** Reads one raw config value; structured values arrive as JSON text. */
export function rawConfig(key: string): unknown {
    const raw = pulumi.runtime.getConfig(key);
    if (raw === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}

/** Parses a config value with a schema, or throws a StackConfigError listing every problem. */
export function parseConfigValue<T extends z.ZodType>(key: string, schema: T, value: unknown): z.output<T> {
    const result = schema.safeParse(value);
    if (!result.success) {
        throw new StackConfigError(keyProblems(key, describeIssues(result.error)));
    }
    return result.data as z.output<T>;
}

/** Whether a key was set with --secret; exported by the SDK at run time, though not in its typings. */
export const isConfigSecret: (key: string) => boolean = (pulumi.runtime as unknown as { isConfigSecret: (key: string) => boolean }).isConfigSecret;
