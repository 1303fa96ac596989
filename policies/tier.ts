import { ResourceValidationArgs } from "@pulumi/policy";
import { parseUrn } from "../components/review/urn";

/** The stack name that is prod without any configuration. */
export const prodStackName = "prod";

/**
 * Configuration schema of the policies that apply to prod only: `tier` makes
 * a stack with another name prod, e.g. in a policy config file
 * `{ "berth-resource-limits-required": { "tier": "prod" } }`.
 */
export const tierConfigSchema = {
    properties: {
        tier: { type: "string" as const, enum: ["dev", "staging", "prod"] },
    },
};

/** Whether the stack being previewed is prod: named prod (in the resource's URN), or its policy config says tier prod. */
export function isProd(args: ResourceValidationArgs): boolean {
    const config = args.getConfig<{ tier?: string }>();
    return config.tier === "prod" || parseUrn(args.urn)?.stack === prodStackName;
}
