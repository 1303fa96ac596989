import * as pulumi from "@pulumi/pulumi";
import { InputMap } from "./maps";

/**
 * Splits a map of inputs into the values that are Pulumi secrets and those
 * that are not. Backends use it to route secrets into Kubernetes Secrets
 * (never a ConfigMap or a plain env var), and to keep them marked secret.
 */
export async function splitSecrets(map: InputMap): Promise<{ plain: InputMap; secret: InputMap }> {
    const plain: InputMap = {};
    const secret: InputMap = {};
    for (const key of Object.keys(map).sort()) {
        const value = map[key];
        const isSecret = pulumi.Output.isInstance(value) ? await pulumi.isSecret(value as pulumi.Output<string>) : false;
        if (isSecret) {
            secret[key] = value;
        } else {
            plain[key] = value;
        }
    }
    return { plain, secret };
}

/** Marks every value of a map secret (for values declared secret, which may arrive as plain strings). */
export function asSecrets(map: InputMap): InputMap {
    const out: InputMap = {};
    for (const key of Object.keys(map).sort()) {
        out[key] = pulumi.secret(map[key]);
    }
    return out;
}

/** Whether an input may turn out to be a Pulumi secret (a plain string cannot); known before its value is. */
export function maybeSecret(value: unknown): boolean {
    return typeof value !== "string";
}
