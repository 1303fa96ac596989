import { ResourceState } from "../review/read/preview";
import { stackType } from "../../shared/type-tokens";
import { parseUrn } from "../../shared/urn";

/*
 * A stack's state as `pulumi stack export` writes it (Pulumi's
 * apitype.UntypedDeployment, deployment version 3). berth never asks for
 * --show-secrets: secret values stay ciphertext objects, which berth status
 * and logs never print (they read names, ids, images and provider settings).
 */

/** What berth status and logs read of a stack's state. */
export interface ExportedState {
    /** The stack's name, from its URNs; the name asked for when the stack is empty. */
    stack: string;
    project: string;
    resources: ResourceState[];
}

/** The state could not be read or is not a Pulumi deployment. */
export class StateReadError extends Error {}

/** Parses the text of `pulumi stack export`; `source` names it in errors. */
export function readExportedState(text: string, source: string, stackAskedFor?: string): ExportedState {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new StateReadError(`${source}: not JSON (${(error as Error).message}); expected what \`pulumi stack export\` writes`);
    }
    const deployment = (parsed as { version?: unknown; deployment?: { resources?: unknown } } | null)?.deployment;
    const version = (parsed as { version?: unknown }).version;
    if (typeof deployment !== "object" || deployment === null) {
        throw new StateReadError(`${source}: no "deployment": expected what \`pulumi stack export\` writes`);
    }
    if (version !== 3) {
        throw new StateReadError(`${source}: deployment version ${String(version)}; berth reads version 3 (Pulumi 3)`);
    }
    const resources = (Array.isArray(deployment.resources) ? deployment.resources : []) as ResourceState[];
    const stackUrn = resources.find((r) => r.type === stackType)?.urn ?? resources[0]?.urn;
    const urn = stackUrn === undefined ? undefined : parseUrn(stackUrn);
    return {
        stack: urn?.stack ?? stackAskedFor ?? "(empty stack)",
        project: urn?.project ?? "",
        // A resource pending deletion (replaced, delete failed) is not what runs.
        resources: resources.filter((r) => r.delete !== true),
    };
}
