import * as pulumi from "@pulumi/pulumi";
import { isSecretMarker } from "../../shared/secret-marker";
import { RecordedResource } from "./mocks";


/** Where a secret's plaintext was found outside a secret. */
export interface Leak {
    resource: string;
    path: string;
}

/** The resources a program registered, with ways to query, check and snapshot them. */
export class ResourceGraph {
    constructor(public readonly resources: RecordedResource[]) {}

    /** Resources of a type token, e.g. "kubernetes:apps/v1:Deployment". */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource of a type and name; throws when there is none. */
    get(type: string, name: string): RecordedResource {
        const found = this.resources.find((r) => r.type === type && r.name === name);
        if (!found) {
            const names = this.ofType(type).map((r) => r.name);
            throw new Error(`no ${type} named "${name}" (have: ${names.join(", ") || "none"})`);
        }
        return found;
    }

    /** Inputs of one resource with secret markers replaced by their values, for asserting on. */
    inputs(type: string, name: string): Record<string, any> {
        return revealed(this.get(type, name).inputs) as Record<string, any>;
    }

    /** Every place a plaintext appears in an input that is not marked secret. */
    plaintextLeaks(plaintexts: string[]): Leak[] {
        const leaks: Leak[] = [];
        for (const resource of this.resources) {
            walkPlain(resource.inputs, "", (path, text) => {
                if (plaintexts.some((secret) => secret !== "" && text.includes(secret))) {
                    leaks.push({ resource: `${resource.type}::${resource.name}`, path });
                }
            });
        }
        return leaks;
    }

    /**
     * A readable, stable description of the graph for golden files: resources
     * sorted by type and name, keys sorted, secrets shown as "[secret]".
     */
    snapshot(): Array<{ type: string; name: string; inputs: unknown }> {
        return [...this.resources]
            .sort((a, b) => (a.type + "::" + a.name).localeCompare(b.type + "::" + b.name))
            .map((r) => ({ type: r.type, name: r.name, inputs: redacted(r.inputs) }));
    }
}

function walkPlain(value: unknown, path: string, visit: (path: string, text: string) => void): void {
    if (isSecretMarker(value)) {
        return;
    }
    if (typeof value === "string") {
        visit(path, value);
    } else if (Array.isArray(value)) {
        value.forEach((item, index) => walkPlain(item, `${path}[${index}]`, visit));
    } else if (typeof value === "object" && value !== null) {
        for (const [key, item] of Object.entries(value)) {
            walkPlain(item, path === "" ? key : `${path}.${key}`, visit);
        }
    }
}

function revealed(value: unknown): unknown {
    if (isSecretMarker(value)) {
        return revealed(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(revealed);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revealed(item)]));
    }
    return value;
}

function redacted(value: unknown): unknown {
    if (isSecretMarker(value)) {
        return "[secret]";
    }
    if (Array.isArray(value)) {
        return value.map(redacted);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .map((key) => [key, redacted((value as Record<string, unknown>)[key])]),
        );
    }
    return value;
}

/** Resolves an Output (or plain value) for a test, with whether it is secret. */
export async function resolveOutput<T>(output: pulumi.Input<T>): Promise<{ value: T; secret: boolean }> {
    const out = pulumi.output(output) as pulumi.Output<T>;
    const value = await new Promise<T>((resolve) => out.apply((v) => { resolve(v as T); return v; }));
    return { value, secret: await pulumi.isSecret(out) };
}
