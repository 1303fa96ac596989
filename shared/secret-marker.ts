/*
 * Pulumi's wire form of a secret value: `{ [secretSigKey]: secretSig, value }`.
 * The engine sends secrets to a policy pack in it, and Pulumi's mocks record
 * secret inputs in it (berth/testing).
 */

const secretSigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/** Whether a value is a secret in Pulumi's wire form; its plaintext is in `value`. */
export function isSecretMarker(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[secretSigKey] === secretSig;
}
