/**
 * A Pulumi URN taken apart:
 * `urn:pulumi:<stack>::<project>::<parent types $ ... $ type>::<name>`.
 * The type part lists the types of the resource's ancestors (below the stack)
 * then its own, joined by `$`; that chain is how berth review tells which
 * berth component a provider resource belongs to.
 */
export interface Urn {
    stack: string;
    project: string;
    /** The ancestors' types then the resource's own, e.g. ["berth:index:ContainerApp", "kubernetes:apps/v1:Deployment"]. */
    typeChain: string[];
    /** The resource's own type token. */
    type: string;
    /** The resource's name (may itself contain "::"). */
    name: string;
}

const prefix = "urn:pulumi:";

/** Parses a URN; undefined when it is not one. */
export function parseUrn(urn: string): Urn | undefined {
    if (!urn.startsWith(prefix)) {
        return undefined;
    }
    const parts = urn.slice(prefix.length).split("::");
    if (parts.length < 4) {
        return undefined;
    }
    const [stack, project, qualifiedType] = parts;
    const typeChain = qualifiedType.split("$");
    return { stack, project, typeChain, type: typeChain[typeChain.length - 1], name: parts.slice(3).join("::") };
}
