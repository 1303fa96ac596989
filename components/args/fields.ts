import { isIPv4, isIPv6 } from "net";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { cpuMillicores, memoryBytes, normaliseCpu, normaliseMemory } from "../model/quantities";
import { maxNameLength, nameProblem } from "./names";
import { targets } from "../stack/target";

/* Field schemas shared by the component schemas, each with a message a user can act on. */

export const target = z.enum(targets, { error: () => 'must be "docker" or "kubernetes"' });

/** A name valid on both targets, at most `maxLength` characters when berth derives longer names from it. */
export function nameOfAtMost(maxLength: number) {
    return z.string({ error: () => "must be a string" }).superRefine((value, ctx) => {
        const problem = nameProblem(value, maxLength);
        if (problem) {
            ctx.addIssue({ code: "custom", message: problem });
        }
    });
}

export const name = nameOfAtMost(maxNameLength);

export const portNumber = z
    .number({ error: () => "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535");

export function wholeNumber(min: number, max: number) {
    const range = `must be between ${min} and ${max}`;
    return z.number({ error: () => "must be a number" }).int("must be a whole number").min(min, range).max(max, range);
}

export const positiveSeconds = wholeNumber(1, 3600);

export const absolutePath = z
    .string({ error: () => "must be a string" })
    .regex(/^\/[^\0]*$/, 'must be an absolute path (start with "/")');

export const cpuQuantity = z
    .string({ error: () => 'must be a CPU quantity string such as "250m" or "1"' })
    .refine((value) => cpuMillicores(value) !== undefined, 'must be a CPU quantity such as "250m", "0.5" or "2"')
    .transform(normaliseCpu);

export const memoryQuantity = z
    .string({ error: () => 'must be a memory quantity string such as "256Mi"' })
    .refine((value) => memoryBytes(value) !== undefined, 'must be a memory quantity such as "256Mi", "1Gi" or "500M"')
    .transform(normaliseMemory);

const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-._A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^([A-Za-z0-9]([-._A-Za-z0-9]{0,61}[A-Za-z0-9])?)?$/;

export const labels = z.record(
    z.string().regex(labelKey, "must be a label key such as \"team\" or \"example.com/team\""),
    z.string({ error: () => "must be a string" }).regex(labelValue, "must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
);

/**
 * An IP range such as 10.0.0.0/8 or 2001:db8::/32, as a NetworkPolicy's ipBlock takes it: an IPv4
 * range in its canonical form (no bits set past the prefix), which the API server warns about otherwise.
 */
export const cidr = z.string({ error: () => "must be a string" }).superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
    }
});

function cidrProblem(value: string): string | undefined {
    const [address, prefix, ...rest] = value.split("/");
    const bits = isIPv4(address) ? 32 : isIPv6(address) ? 128 : undefined;
    if (bits === undefined || rest.length > 0 || prefix === undefined || !/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) {
        return "must be an IP range such as 203.0.113.0/24, 198.51.100.7/32 or 2001:db8::/32";
    }
    if (bits === 32) {
        const octets = address.split(".").map(Number);
        const value32 = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
        const hostBits = 32 - Number(prefix);
        const network = hostBits === 32 ? 0 : ((value32 >>> hostBits) << hostBits) >>> 0;
        if (network !== value32) {
            const canonical = [24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join(".");
            return `must be the range's first address: ${canonical}/${prefix}`;
        }
    }
    return undefined;
}

/** A string, or a Pulumi Output/Promise of one that is checked once known. */
export const inputString = z.custom<pulumi.Input<string>>(
    (value) => typeof value === "string" || pulumi.Output.isInstance(value) || value instanceof Promise,
    { error: () => "must be a string (or a Pulumi Output of one)" },
);

/**
 * An image reference, for every container berth runs (apps, jobs, init
 * containers, sidecars): the one place the image field is read. A field rule,
 * not an object refinement, so it is reported even when another field is malformed.
 */
export const imageReference = inputString.refine(
    (image) => typeof image !== "string" || /^[^\s]+$/.test(image),
    "must be an image reference without spaces, such as registry.example.com/shop/web:1.4.2",
);

export const stringList = z.array(z.string({ error: () => "must be a string" }), { error: () => "must be a list of strings" });

/** Adds an issue at a path from inside a superRefine. */
export function problem(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
    ctx.addIssue({ code: "custom", message, path });
}
