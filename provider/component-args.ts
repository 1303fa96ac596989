import * as pulumi from "@pulumi/pulumi";
import type { PropertyDefinition } from "@pulumi/pulumi/provider/experimental/analyzer";
import { PackageSchema } from "./package-schema";

/*
 * Construct inputs arrive the way Pulumi's provider server deserialises them,
 * not the way a TypeScript program passes args:
 *
 *   - a top-level input with dependencies is wrapped in one Output, even a
 *     plain one (`replicas`) or a list holding component references
 *     (`configs: [{ config: <AppConfig> }]`), and a nested secret makes the
 *     whole top-level value secret;
 *   - values from other resources may be nested Outputs anywhere;
 *   - a component reference is a live instance (see ComponentRegistry) or its URN.
 *
 * toComponentArgs walks the inputs along the component's schema and gives the
 * component what its TypeScript args declare: plain fields as plain values,
 * `pulumi.Input` fields as they came (a value lifted out of an Output keeps
 * its dependencies and secrecy), component references as instances. Anything
 * the schema does not know is passed on for zod to report.
 */

/** Finds the live component a reference (URN) names. */
export type ResolveReference = (urn: string, resourceType: string, path: string) => pulumi.Resource;

/** Output's internals this module reads: whether the value is known (false for computed values during preview). */
interface OutputInternals {
    isKnown: Promise<boolean>;
    promise(withUnknowns?: boolean): Promise<unknown>;
}

/** A value met inside an Output: how to lift a part of it back into an Output with the same dependencies and secrecy. */
interface Source {
    output: pulumi.Output<unknown>;
    secret: boolean;
    at: (root: unknown) => unknown;
}

export async function toComponentArgs(
    schema: PackageSchema,
    token: string,
    inputs: Record<string, unknown>,
    resolveReference: ResolveReference,
): Promise<Record<string, unknown>> {
    const resource = schema.resources[token];
    if (!resource) {
        throw new Error(`unknown component type ${token}`);
    }
    const walker = new ArgsWalker(schema, resolveReference);
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(inputs)) {
        const property = resource.inputProperties[key];
        args[key] = property ? await walker.convert(value, property, key, undefined) : value;
    }
    return args;
}

class ArgsWalker {
    constructor(
        private readonly schema: PackageSchema,
        private readonly resolveReference: ResolveReference,
    ) {}

    async convert(value: unknown, property: PropertyDefinition, path: string, source: Source | undefined): Promise<unknown> {
        if (value === undefined || value === null) {
            return undefined;
        }
        if (pulumi.Output.isInstance(value)) {
            if (!property.plain && !("$ref" in property && property.$ref.startsWith("#/"))) {
                return value; // an Input leaf takes an Output as it is
            }
            const internals = value as unknown as OutputInternals;
            if (!(await internals.isKnown)) {
                throw new Error(`${path} is not known yet (it comes from another resource's output); it must be a plain value`);
            }
            const resolved = await internals.promise(true);
            return this.convert(resolved, property, path, { output: value, secret: await pulumi.isSecret(value), at: (root) => root });
        }
        if (pulumi.isUnknown(value)) {
            if (!property.plain && source) {
                return this.leaf(value, property, path, source);
            }
            throw new Error(`${path} is not known yet (it comes from another resource's output); it must be a plain value`);
        }

        if ("$ref" in property) {
            const ref = property.$ref;
            if (ref.startsWith("#/resources/")) {
                return this.reference(value, ref.slice("#/resources/".length), path, source);
            }
            if (ref.startsWith("#/types/")) {
                const type = this.schema.types[ref.slice("#/types/".length)];
                return type ? this.object(value, type.properties, path, source) : value;
            }
            return value;
        }
        if (property.type === "array" && property.items && Array.isArray(value)) {
            const items = property.items;
            return Promise.all(value.map((item, index) => this.convert(item, items, `${path}[${index}]`, within(source, index))));
        }
        if (property.type === "object" && property.additionalProperties && isPlainObject(value)) {
            const valueProperty = property.additionalProperties;
            const out: Record<string, unknown> = {};
            for (const [key, item] of Object.entries(value)) {
                out[key] = await this.convert(item, valueProperty, `${path}.${key}`, within(source, key));
            }
            return out;
        }
        return this.leaf(value, property, path, source);
    }

    private async object(value: unknown, properties: Record<string, PropertyDefinition>, path: string, source: Source | undefined): Promise<unknown> {
        if (!isPlainObject(value)) {
            return value;
        }
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
            const property = properties[key];
            out[key] = property ? await this.convert(item, property, `${path}.${key}`, within(source, key)) : item;
        }
        return out;
    }

    private reference(value: unknown, resourceType: string, path: string, source: Source | undefined): unknown {
        if (source?.secret) {
            throw new Error(`${path} is a ${resourceType} reference and cannot be a secret`);
        }
        if (typeof value === "string") {
            return this.resolveReference(value, resourceType, path);
        }
        return value;
    }

    /** A scalar: plain fields take the value; Input fields taken out of an Output are lifted back into one. */
    private leaf(value: unknown, property: PropertyDefinition, path: string, source: Source | undefined): unknown {
        if (!source) {
            return value;
        }
        if (!property.plain) {
            return source.output.apply((root) => source.at(root));
        }
        if (source.secret) {
            throw new Error(`${path} is a plain value and cannot be a secret`);
        }
        return value;
    }
}

/** The source of a part of a value (a list item or a field), when the value came out of an Output. */
function within(source: Source | undefined, key: string | number): Source | undefined {
    if (!source) {
        return undefined;
    }
    const at = source.at;
    return { ...source, at: (root) => (at(root) as Record<string | number, unknown> | undefined)?.[key] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
