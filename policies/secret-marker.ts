import { Secret } from "@pulumi/policy";
import { isSecretMarker } from "../shared/secret-marker";

/**
 * Whether a value arrives marked secret: the engine's wire form, or the
 * policy SDK's Secret wrapper. Note: @pulumi/policy 1.21 unwraps secrets
 * before validateResource runs, so in a real `pulumi preview` a value is
 * seldom seen marked; the rules therefore also read resource options
 * (additionalSecretOutputs) and, above all, secret-looking names and values.
 */
export function isMarkedSecret(value: unknown): boolean {
    return value instanceof Secret || isSecretMarker(value);
}

/** The value inside a secret marker, or the value itself. */
export function reveal(value: unknown): unknown {
    if (value instanceof Secret) {
        return value.value;
    }
    if (isSecretMarker(value)) {
        return value.value;
    }
    return value;
}
