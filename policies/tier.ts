import { ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { parseUrn } from "../shared/urn";

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

/** What a prod-only policy defines itself; `prodOnly` adds the rest. */
export interface ProdRule {
    name: string;
    description: string;
    /** Runs for prod stacks only. */
    validateResource: ResourceValidation;
}

/** A mandatory policy that checks prod stacks only, configurable with `tier`. */
export function prodOnly(rule: ProdRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: "mandatory",
        configSchema: tierConfigSchema,
        validateResource: (args, reportViolation) => (isProd(args) ? rule.validateResource(args, reportViolation) : undefined),
    };
}
