import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import * as field from "../args/fields";
import { parseConfigValue, rawConfig } from "./config-values";

/*
 * Stack-wide settings under the `berth:` config namespace that shape every
 * app: the stack's tier and the defaults applied to all apps. Read from stack
 * config (Pulumi.<stack>.yaml), validated here, with errors naming the stack
 * and the key.
 */

export type Tier = "dev" | "staging" | "prod";

const amounts = z.strictObject({ cpu: z.string().optional(), memory: z.string().optional() });

/** Defaults an app inherits unless it sets the field itself; checked again with the app's own args. */
const defaultsSchema = z.strictObject({
    resources: z.strictObject({ requests: amounts.optional(), limits: amounts.optional() }).optional(),
    labels: field.labels.optional(),
    security: z
        .strictObject({
            runAsNonRoot: z.boolean().optional(),
            runAsUser: z.number().optional(),
            runAsGroup: z.number().optional(),
            readOnlyRootFilesystem: z.boolean().optional(),
            dropAllCapabilities: z.boolean().optional(),
            allowPrivilegeEscalation: z.boolean().optional(),
            fsGroup: z.number().optional(),
            podSecurityContext: z.boolean().optional(),
        })
        .optional(),
});

export type AppDefaults = z.output<typeof defaultsSchema>;

const tierSchema = z.enum(["dev", "staging", "prod"], { error: () => 'must be "dev", "staging" or "prod"' });

export interface StackSettings {
    tier: Tier;
    defaults: AppDefaults;
}

/** The stack's tier (`berth:tier`): dev (default), staging or prod. */
export function stackTier(): Tier {
    return readStackSettings().tier;
}

export function readStackSettings(): StackSettings {
    const tierValue = pulumi.runtime.getConfig("berth:tier");
    return {
        tier: tierValue === undefined ? "dev" : parseConfigValue("berth:tier", tierSchema, tierValue),
        defaults: parseConfigValue("berth:defaults", defaultsSchema.default({}), rawConfig("berth:defaults")),
    };
}

type ContainerArgs = {
    resources?: { requests?: object; limits?: object };
    security?: object;
};

type Args = ContainerArgs & {
    labels?: Record<string, string>;
    initContainers?: unknown;
    sidecars?: unknown;
};

/**
 * The app's (or job's) args with the stack's defaults filled in underneath:
 * its own values win, field by field. Resources and security settings are
 * each container's: its init containers and sidecars take them too.
 */
export function withDefaults<T extends Args>(args: T, defaults: AppDefaults): T {
    if (!args || typeof args !== "object") {
        return args;
    }
    const merged: T = { ...containerDefaults(args, defaults) };
    if (defaults.labels) {
        merged.labels = { ...defaults.labels, ...args.labels };
    }
    for (const list of ["initContainers", "sidecars"] as const) {
        const helpers = args[list];
        if (Array.isArray(helpers)) {
            merged[list] = helpers.map((helper) => (helper && typeof helper === "object" ? containerDefaults(helper as ContainerArgs, defaults) : helper));
        }
    }
    return merged;
}

function containerDefaults<T extends ContainerArgs>(args: T, defaults: AppDefaults): T {
    const merged: T = { ...args };
    if (defaults.resources || args.resources) {
        merged.resources = {
            ...args.resources,
            requests: mergeObjects(defaults.resources?.requests, args.resources?.requests),
            limits: mergeObjects(defaults.resources?.limits, args.resources?.limits),
        };
    }
    if (defaults.security) {
        merged.security = { ...defaults.security, ...args.security };
    }
    return merged;
}

function mergeObjects(base: object | undefined, own: object | undefined): object | undefined {
    return base === undefined && own === undefined ? undefined : { ...base, ...own };
}

/**
 * Whether Kubernetes resources skip the provider's readiness waits
 * (the `pulumi.com/skipAwait` annotation): the component's own `skipAwait`,
 * else the stack's `berth:skipAwait`, else false. Useful on clusters without
 * nodes (a bare API server) or when another tool gates readiness.
 */
export function resolveSkipAwait(override: boolean | undefined): boolean {
    return override ?? new pulumi.Config("berth").getBoolean("skipAwait") ?? false;
}
