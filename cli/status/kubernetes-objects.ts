import { KubernetesApi } from "../engines/kubernetes-api";
import { StackObject } from "../stack/components";
import { stateMetadata } from "../stack/kubernetes-ref";
import { Drift } from "./workload-status";

/*
 * Kubernetes objects of the state against the API server: each read as
 * metadata only (no Secret's data is fetched), missing when it is gone,
 * changed when it was recreated out of band (another uid than the state's).
 */

/** How a Kubernetes object is named in drift: `Deployment shop/web`, `Namespace shop`. */
export function kubernetesObjectName(object: StackObject): string {
    const { kind, name, namespace } = stateMetadata(object);
    return `${kind} ${namespace === "" ? "" : `${namespace}/`}${name}`;
}

/** Drift of one object: missing, recreated, or undefined when it is as the state says (or of a kind berth does not read). */
export async function kubernetesObjectDrift(api: KubernetesApi, object: StackObject): Promise<Drift | undefined> {
    const { apiVersion, kind, name, namespace, uid } = stateMetadata(object);
    const live = await api.metadata(apiVersion, kind, name, namespace === "" ? undefined : namespace);
    if (live === "unknown") {
        return undefined;
    }
    if (live === undefined) {
        return { object: kubernetesObjectName(object), problem: "missing", detail: "not in the API server (deleted out of band)" };
    }
    if (uid !== undefined && live.uid !== uid) {
        return { object: kubernetesObjectName(object), problem: "changed", detail: "recreated out of band (another uid than the state's)" };
    }
    return undefined;
}
