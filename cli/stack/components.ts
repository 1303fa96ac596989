import { ResourceState } from "../review/read/preview";
import { berthComponentClass } from "../../shared/type-tokens";
import { parseUrn } from "../../shared/urn";
import { ExportedState } from "./exported-state";

/*
 * Which provider resources belong to which berth component: a resource
 * belongs to its nearest berth ancestor along the state's parent URNs (berth
 * creates every child with `parent: this`; a berth component inside one of
 * the user's own components still counts).
 */

/** A provider resource (a container, a Deployment, ...) as the state recorded it. */
export interface StackObject {
    urn: string;
    /** Its type token, e.g. `docker:index/container:Container`. */
    type: string;
    /** Its Pulumi resource name, e.g. `web-0`. */
    name: string;
    /** The provider's id (a container id; `namespace/name` for a Kubernetes object). */
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    /** The provider resource's URN and id (`urn::id`), as the state holds it. */
    provider?: string;
}

/** A string the state recorded for an object (its output, else its input), or undefined. */
export function stateString(object: StackObject, key: string): string | undefined {
    const value = object.outputs[key] ?? object.inputs[key];
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** A berth component of the stack and the provider resources it owns. */
export interface BerthComponent {
    /** Its class: `ContainerApp`, `AppNetwork`, ... */
    className: string;
    /** The name the user gave it. */
    name: string;
    urn: string;
    objects: StackObject[];
}

/** The stack's berth components, in state order, each with its own provider resources. */
export function berthComponents(state: ExportedState): BerthComponent[] {
    const byUrn = new Map(state.resources.map((r) => [r.urn, r]));
    const components = new Map<string, BerthComponent>();
    for (const resource of state.resources) {
        const className = berthComponentClass(resource.type);
        if (className !== undefined) {
            components.set(resource.urn, { className, name: parseUrn(resource.urn)?.name ?? resource.urn, urn: resource.urn, objects: [] });
        }
    }
    for (const resource of state.resources) {
        if (resource.custom !== true) {
            continue;
        }
        const owner = owningComponent(resource, byUrn, components);
        owner?.objects.push(stackObject(resource));
    }
    return [...components.values()];
}

function owningComponent(resource: ResourceState, byUrn: Map<string, ResourceState>, components: Map<string, BerthComponent>): BerthComponent | undefined {
    const seen = new Set<string>();
    let parent = resource.parent;
    while (parent !== undefined && !seen.has(parent)) {
        seen.add(parent);
        const component = components.get(parent);
        if (component !== undefined) {
            return component;
        }
        parent = byUrn.get(parent)?.parent;
    }
    return undefined;
}

function stackObject(resource: ResourceState): StackObject {
    return {
        urn: resource.urn,
        type: resource.type,
        name: parseUrn(resource.urn)?.name ?? resource.urn,
        id: resource.id,
        inputs: resource.inputs ?? {},
        outputs: resource.outputs ?? {},
        provider: resource.provider,
    };
}
