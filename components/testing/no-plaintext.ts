import { ResourceGraph } from "./graph";

/** Throws, listing every place, when a secret's plaintext appears in an input that is not marked secret. */
export function expectNoPlaintext(graph: ResourceGraph, secrets: string[]): void {
    const leaks = graph.plaintextLeaks(secrets);
    if (leaks.length > 0) {
        throw new Error(`secret in plaintext at: ${leaks.map((l) => `${l.resource} ${l.path}`).join(", ")}`);
    }
}
