import * as k8s from "@kubernetes/client-node";
import { kubernetesTypes } from "../../shared/type-tokens";
import { KubernetesApi } from "./kubernetes-api";

/*
 * The workload objects berth creates on Kubernetes and the pods they run, as
 * berth status and logs read them: the object by its type token, its pods by
 * the object's own selector.
 */

/** A workload object as the typed clients return them. */
export type WorkloadObject = k8s.V1Deployment | k8s.V1StatefulSet | k8s.V1DaemonSet | k8s.V1Job;

/** The workload object of a state type token (Deployment, StatefulSet, DaemonSet, Job); undefined when it is gone. */
export async function readWorkloadObject(api: KubernetesApi, type: string, name: string, namespace: string): Promise<WorkloadObject | undefined> {
    const what = `read ${type.slice(type.lastIndexOf(":") + 1)} ${namespace}/${name}`;
    switch (type) {
        case kubernetesTypes.deployment:
            return api.call(what, () => api.apps.readNamespacedDeployment({ name, namespace }));
        case kubernetesTypes.statefulSet:
            return api.call(what, () => api.apps.readNamespacedStatefulSet({ name, namespace }));
        case kubernetesTypes.daemonSet:
            return api.call(what, () => api.apps.readNamespacedDaemonSet({ name, namespace }));
        case kubernetesTypes.job:
            return api.call(what, () => api.batch.readNamespacedJob({ name, namespace }));
        default:
            throw new Error(`berth does not read workloads of type ${type}`);
    }
}

/** The pods the object selects (its matchLabels: berth's selectors have no expressions), by name. */
export async function selectedPods(api: KubernetesApi, live: WorkloadObject, namespace: string): Promise<k8s.V1Pod[]> {
    const labels = live.spec?.selector?.matchLabels ?? {};
    const labelSelector = Object.keys(labels)
        .sort()
        .map((key) => `${key}=${labels[key]}`)
        .join(",");
    if (labelSelector === "") {
        return [];
    }
    const list = await api.call(`list pods ${labelSelector} in ${namespace}`, () => api.core.listNamespacedPod({ namespace, labelSelector }));
    return (list?.items ?? []).sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
}
