import { kubernetesTypes } from "../shared/type-tokens";
import { field, fieldList } from "./known-values";

/**
 * Where each Kubernetes workload keeps its pod spec. berth creates
 * Deployments, StatefulSets and Jobs; the others run containers just the
 * same, so the rules cover them.
 */
const podSpecPaths: Record<string, string[]> = {
    [kubernetesTypes.deployment]: ["spec", "template", "spec"],
    [kubernetesTypes.statefulSet]: ["spec", "template", "spec"],
    [kubernetesTypes.daemonSet]: ["spec", "template", "spec"],
    [kubernetesTypes.job]: ["spec", "template", "spec"],
    [kubernetesTypes.cronJob]: ["spec", "jobTemplate", "spec", "template", "spec"],
    [kubernetesTypes.pod]: ["spec"],
};

/** Workloads whose containers run to completion (a job's run, not a service). */
const runToCompletion = new Set<string>([kubernetesTypes.job, kubernetesTypes.cronJob]);

/** One container of a Kubernetes pod spec. */
export interface PodContainer {
    /** For messages: `container "web"` or `init container "migrate"`. */
    label: string;
    init: boolean;
    /** It runs to completion: an init container (not a native sidecar, restartPolicy Always), or any container of a Job. */
    toCompletion: boolean;
    /** The container's spec; read its fields with `field`. */
    spec: unknown;
}

/** The containers, then init containers, of a workload's pod spec; [] for any other type. */
export function podContainers(type: string, props: Record<string, unknown>): PodContainer[] {
    const path = podSpecPaths[type];
    if (!path) {
        return [];
    }
    const pod = field(props, ...path);
    const containers = (init: boolean) =>
        fieldList(pod, init ? "initContainers" : "containers").map((spec, index) => {
            const name = field(spec, "name");
            const label = `${init ? "init container" : "container"} ${typeof name === "string" ? `"${name}"` : `#${index + 1}`}`;
            const sidecar = init && field(spec, "restartPolicy") === "Always";
            return { label, init, toCompletion: runToCompletion.has(type) || (init && !sidecar), spec };
        });
    return [...containers(false), ...containers(true)];
}
