import { berthComponentClass } from "../../../shared/type-tokens";
import { Urn, parseUrn } from "../../../shared/urn";

/** The berth component a resource belongs to. */
export interface ComponentRef {
    /** Class name: "AppNetwork", "AppConfig", "ContainerApp", "AutoscalingPolicy" (or a newer one). */
    type: string;
    /** The name the user gave the component. */
    name: string;
}

/**
 * The berth component owning a resource: the innermost berth type in its URN's
 * type chain (a berth component nested in a user's own component still counts).
 * The name is the component's own when the resource is the component itself,
 * else its parent's (berth creates every child with `parent: this`). When the
 * preview did not carry the parent, `guessName` picks among names seen elsewhere.
 */
export function owningComponent(
    urn: Urn,
    parentUrn: string | undefined,
    guessName: (componentType: string, childName: string) => string,
): ComponentRef | undefined {
    let index = urn.typeChain.length - 1;
    while (index >= 0 && berthComponentClass(urn.typeChain[index]) === undefined) {
        index--;
    }
    if (index < 0) {
        return undefined;
    }
    const type = berthComponentClass(urn.typeChain[index])!;
    if (index === urn.typeChain.length - 1) {
        return { type, name: urn.name };
    }
    const parent = parentUrn ? parseUrn(parentUrn) : undefined;
    if (parent && parent.type === urn.typeChain[index]) {
        return { type, name: parent.name };
    }
    return { type, name: guessName(type, urn.name) };
}
