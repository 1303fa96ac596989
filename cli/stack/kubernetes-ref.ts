import { StackObject } from "./components";

/*
 * Where a Kubernetes object of the state lives: its apiVersion, kind, name,
 * namespace and uid as the provider recorded them (its outputs; else its id,
 * `namespace/name`).
 */

/** The object's name, namespace and uid as the state recorded them. */
export function stateMetadata(object: StackObject): { apiVersion: string; kind: string; name: string; namespace: string; uid?: string } {
    const outputs = object.outputs as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; uid?: string } };
    const [namespaceFromId, nameFromId] = (object.id ?? "").includes("/") ? (object.id ?? "").split("/") : ["", object.id ?? object.name];
    return {
        apiVersion: outputs.apiVersion ?? "",
        kind: outputs.kind ?? object.type.slice(object.type.lastIndexOf(":") + 1),
        name: outputs.metadata?.name ?? nameFromId,
        namespace: outputs.metadata?.namespace ?? namespaceFromId,
        uid: outputs.metadata?.uid,
    };
}
