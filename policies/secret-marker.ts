import { Secret } from "@pulumi/policy";

/** Pulumi's wire signature for a secret value: `{ [sigKey]: secretSig, value }`. */
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Whether a value arrives marked secret: the engine's wire form, or the
 * policy SDK's Secret wrapper. Note: @pulumi/policy 1.21 unwraps secrets
 * before validateResource runs, so in a real `pulumi preview` a value is
 * seldom seen marked; the rules therefore also read resource options
 * (additionalSecretOutputs) and, above all, secret-looking names and values.
 */
export function isMarkedSecret(value: unknown): boolean {
    return value instanceof Secret || (typeof value === "object" && value !== null && (value as Record<string, unknown>)[sigKey] === secretSig);
}

/** The value inside a secret marker, or the value itself. */
export function reveal(value: unknown): unknown {
    if (value instanceof Secret) {
        return value.value;
    }
    if (isMarkedSecret(value)) {
        return (value as { value: unknown }).value;
    }
    return value;
}
