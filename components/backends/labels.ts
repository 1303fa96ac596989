import { WorkloadModel } from "../model/workload";
import { StringMap, sortedMap } from "../model/maps";

/* The one place that computes the labels berth puts on what it creates. */

export const managedBy = { "app.kubernetes.io/managed-by": "berth" };

/** Selects an app's pods / containers; never changes over an app's life (Deployment selectors are immutable). */
export function selectorLabels(appName: string): StringMap {
    return { "app.kubernetes.io/name": appName };
}

/** Labels on every object of an app or a job: user labels first, berth's own win on a clash. */
export function appLabels(app: Pick<WorkloadModel, "labels" | "name" | "network">): StringMap {
    return sortedMap({
        ...app.labels,
        ...selectorLabels(app.name),
        "app.kubernetes.io/part-of": app.network.name,
        ...managedBy,
    });
}

/** Labels on network-level objects (namespace, network, policies). */
export function networkLabels(networkName: string, userLabels: StringMap): StringMap {
    return sortedMap({ ...userLabels, "app.kubernetes.io/part-of": networkName, ...managedBy });
}
