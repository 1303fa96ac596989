import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { describeIssues } from "../validation/errors";
import { isConfigSecret, keyProblems, StackConfigError } from "./config-values";

/** A shape of per-stack settings: config key -> zod schema. */
export type StackConfigShape = Record<string, z.ZodType>;

/** The loaded settings: plain keys as their parsed type, secret keys as secret Outputs. */
export type StackConfigValues<S extends StackConfigShape, K extends keyof S> = {
    [P in keyof S]: P extends K ? SecretValue<z.output<S[P]>> : z.output<S[P]>;
};

/** A secret key's value: a secret Output, or undefined when an optional secret is not set. */
export type SecretValue<T> = undefined extends T ? pulumi.Output<NonNullable<T>> | undefined : pulumi.Output<T>;

export interface LoadStackConfigOptions<K> {
    /**
     * Config namespace of the keys.
     * @default the Pulumi project's name
     */
    namespace?: string;
    /** Keys holding secrets: they must be set with `--secret`, and come back as secret Outputs. */
    secrets?: readonly K[];
}

/**
 * Reads typed per-stack settings (replicas, resources, image tags, hostnames,
 * feature toggles, secrets) from Pulumi stack config and validates them with
 * zod. Structured values (YAML maps and lists in Pulumi.<stack>.yaml) are
 * supported. Every bad or missing key is reported at once, in one error that
 * names the stack and each key, before any resource is registered:
 *
 *   stack "prod": config key "shop:replicas" must be between 2 and 50; config key "shop:apiToken" is required: ...
 */
export function loadStackConfig<S extends StackConfigShape, K extends keyof S & string = never>(
    shape: S,
    options: LoadStackConfigOptions<K> = {},
): StackConfigValues<S, K> {
    const namespace = options.namespace ?? pulumi.getProject();
    const secrets = new Set<string>(options.secrets ?? []);
    const problems: string[] = [];
    const values: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(shape)) {
        const key = `${namespace}:${name}`;
        const raw = pulumi.runtime.getConfig(key);
        const secret = secrets.has(name);
        if (raw !== undefined && secret && !isConfigSecret(key)) {
            problems.push(...keyProblems(key, [`must be set as a secret: pulumi config set --secret ${name} <value>`]));
            continue;
        }
        const result = parseRaw(schema, raw);
        if (result.success) {
            values[name] = secret && result.data !== undefined ? pulumi.secret(result.data) : result.data;
        } else if (raw === undefined) {
            problems.push(...keyProblems(key, [`is required: pulumi config set${secret ? " --secret" : ""} ${name} <value>`]));
        } else {
            problems.push(...keyProblems(key, describeIssues(result.error)));
        }
    }
    if (problems.length > 0) {
        throw new StackConfigError(problems);
    }
    return values as StackConfigValues<S, K>;
}

/** Stack config holds text; a structured value, number or boolean is its JSON. Tries the text first. */
function parseRaw(schema: z.ZodType, raw: string | undefined) {
    const asText = schema.safeParse(raw);
    if (asText.success || raw === undefined) {
        return asText;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(raw);
    } catch {
        return asText;
    }
    return schema.safeParse(parsed);
}
