import * as k8s from "@kubernetes/client-node";
import { configHashAnnotation } from "../../shared/annotations";
import { kubernetesTypes } from "../../shared/type-tokens";
import { KubernetesApi } from "../engines/kubernetes-api";
import { ClusterFacts } from "../engines/stack-engines";
import { WorkloadObject, readWorkloadObject, selectedPods } from "../engines/kubernetes-workloads";
import { StackObject } from "../stack/components";
import { stateMetadata } from "../stack/kubernetes-ref";
import { Workload } from "../stack/workloads";
import { kubernetesObjectDrift, kubernetesObjectName } from "./kubernetes-objects";
import { Drift, Health, ReplicaStatus, Replicas, WorkloadStatus, appHealth } from "./workload-status";

/*
 * An app or job on Kubernetes, as the API server has it: the workload object
 * (Deployment, StatefulSet, DaemonSet or Job) for the counts, its pods (by
 * the object's selector) for readiness, restarts, image digests and why a
 * replica is not ready. A cluster without a node runs no pod: status says so
 * instead of counting 0 ready as fine.
 */

export async function kubernetesWorkloadStatus(api: KubernetesApi, workload: Workload, cluster: ClusterFacts): Promise<WorkloadStatus> {
    const object = workload.running[0];
    const { name, namespace } = stateMetadata(object);
    const live = await readWorkloadObject(api, object.type, name, namespace);
    const drift: Drift[] = live === undefined ? [{ object: kubernetesObjectName(object), problem: "missing", detail: "not in the API server (deleted out of band)" }] : workloadDrift(object, live);
    for (const other of workload.others) {
        const found = await kubernetesObjectDrift(api, other);
        if (found !== undefined) {
            drift.push(found);
        }
    }
    const pods = live === undefined ? [] : await selectedPods(api, live, namespace);
    const replicaStatuses = pods.map(replicaStatus);
    const replicas = live === undefined ? { desired: desiredOf(object), ready: 0, updated: 0 } : countsOf(object.type, live);
    const health = live === undefined ? "missing" : workload.kind === "job" ? jobHealth(live as k8s.V1Job, pods.length) : appHealth(replicas, 1);
    const container = mainContainer(live?.spec?.template.spec?.containers ?? [], workload.component.name);
    return {
        name: workload.component.name,
        component: workload.component.className,
        kind: workload.kind,
        target: "kubernetes",
        location: namespace,
        image: container?.image,
        imageDigest: digestOf(pods, container?.name),
        replicas,
        health,
        message: problemOf(health, replicas, replicaStatuses, cluster),
        restarts: replicaStatuses.reduce((sum, r) => sum + r.restarts, 0),
        createdAt: live?.metadata?.creationTimestamp?.toISOString(),
        drift,
        replicaStatuses,
    };
}

/** What the state says the object should be, against what it is. */
function workloadDrift(object: StackObject, live: WorkloadObject): Drift[] {
    const drift: Drift[] = [];
    const name = kubernetesObjectName(object);
    const state = object.outputs as { metadata?: { uid?: string }; spec?: { template?: { metadata?: { annotations?: Record<string, string> }; spec?: { containers?: Array<{ name: string; image?: string }> } } } };
    const stateUid = state.metadata?.uid;
    if (stateUid !== undefined && live.metadata?.uid !== stateUid) {
        drift.push({ object: name, problem: "changed", detail: "recreated out of band (another uid than the state's)" });
    }
    for (const container of state.spec?.template?.spec?.containers ?? []) {
        const liveImage = live.spec?.template.spec?.containers.find((c) => c.name === container.name)?.image;
        if (liveImage !== container.image) {
            drift.push({ object: name, problem: "changed", detail: `container ${container.name} runs ${liveImage ?? "nothing"}, the state has ${container.image}` });
        }
    }
    const stateReplicas = (object.inputs as { spec?: { replicas?: unknown } }).spec?.replicas;
    const liveReplicas = (live.spec as { replicas?: number } | undefined)?.replicas;
    if (typeof stateReplicas === "number" && liveReplicas !== undefined && liveReplicas !== stateReplicas) {
        drift.push({ object: name, problem: "changed", detail: `scaled to ${liveReplicas} out of band, the state has ${stateReplicas}` });
    }
    const stateHash = state.spec?.template?.metadata?.annotations?.[configHashAnnotation];
    if (stateHash !== undefined && live.spec?.template.metadata?.annotations?.[configHashAnnotation] !== stateHash) {
        drift.push({ object: name, problem: "changed", detail: `pod template annotation ${configHashAnnotation} differs from the state's` });
    }
    return drift;
}

/** Desired, ready and updated replicas, by kind. */
function countsOf(type: string, live: WorkloadObject): Replicas {
    if (type === kubernetesTypes.daemonSet) {
        const status = (live as k8s.V1DaemonSet).status;
        return { desired: status?.desiredNumberScheduled ?? 0, ready: status?.numberReady ?? 0, updated: status?.updatedNumberScheduled ?? 0 };
    }
    if (type === kubernetesTypes.job) {
        const job = live as k8s.V1Job;
        const succeeded = job.status?.succeeded ?? 0;
        return { desired: job.spec?.completions ?? 1, ready: succeeded, updated: succeeded + (job.status?.active ?? 0) };
    }
    const scalable = live as k8s.V1Deployment | k8s.V1StatefulSet;
    return { desired: scalable.spec?.replicas ?? 1, ready: scalable.status?.readyReplicas ?? 0, updated: scalable.status?.updatedReplicas ?? 0 };
}

/** The desired count the state recorded, for a workload the API server no longer has. */
function desiredOf(object: StackObject): number {
    const spec = (object.outputs as { spec?: { replicas?: number; completions?: number } }).spec;
    return spec?.replicas ?? spec?.completions ?? 1;
}

function jobHealth(job: k8s.V1Job, pods: number): Health {
    const conditions = job.status?.conditions ?? [];
    const holds = (type: string) => conditions.some((c) => c.type === type && c.status === "True");
    if (holds("Complete")) {
        return "completed";
    }
    if (holds("Failed")) {
        return "failed";
    }
    return pods === 0 ? "down" : "running";
}

function replicaStatus(pod: k8s.V1Pod): ReplicaStatus {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    const ready = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    const state = pod.metadata?.deletionTimestamp !== undefined ? "Terminating" : (pod.status?.phase ?? "Unknown");
    return {
        name: pod.metadata?.name ?? "",
        state,
        ready,
        restarts: statuses.reduce((sum, s) => sum + s.restartCount, 0),
        startedAt: pod.status?.startTime?.toISOString(),
        ...(ready ? {} : { message: notReadyReason(pod, statuses) }),
        containers: [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name),
    };
}

/** Why a pod is not ready: a container's waiting or terminated reason, else the scheduler's, else its phase. */
function notReadyReason(pod: k8s.V1Pod, statuses: k8s.V1ContainerStatus[]): string {
    for (const status of statuses) {
        const waiting = status.state?.waiting;
        if (waiting?.reason !== undefined && waiting.reason !== "PodInitializing" && waiting.reason !== "ContainerCreating") {
            return `${status.name}: ${waiting.reason}${waiting.message ? `: ${firstLine(waiting.message)}` : ""}`;
        }
        const terminated = status.state?.terminated;
        if (terminated !== undefined && terminated.exitCode !== 0) {
            return `${status.name}: ${terminated.reason ?? "terminated"} (exit ${terminated.exitCode})`;
        }
    }
    const unscheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
    if (unscheduled !== undefined) {
        return `not scheduled: ${firstLine(unscheduled.message ?? unscheduled.reason ?? "")}`;
    }
    if (pod.spec?.nodeName === undefined) {
        return "not scheduled to a node";
    }
    return pod.status?.phase === "Running" ? "not ready (readiness probe failing)" : (pod.status?.phase ?? "Unknown");
}

/** Why the workload is not healthy: no pod at all (and why), else its first troubled pod. */
function problemOf(health: Health, replicas: Replicas, pods: ReplicaStatus[], cluster: ClusterFacts): string | undefined {
    if (health === "healthy" || health === "completed" || health === "running") {
        return undefined;
    }
    if (health === "missing") {
        return "the workload object is gone from the API server";
    }
    const running = pods.filter((p) => p.state === "Running");
    if (running.length === 0 && replicas.desired > 0) {
        if (cluster.hasNode === false) {
            return `no pod runs: the cluster has no node (${pods.length} pod${pods.length === 1 ? "" : "s"} waiting)`;
        }
        if (pods.length === 0) {
            return "no pod runs: none has been created (is kube-controller-manager running?)";
        }
    }
    const troubled = pods.filter((p) => !p.ready);
    if (troubled.length === 0) {
        return `${replicas.ready} of ${replicas.desired} ready`;
    }
    const more = troubled.length > 1 ? ` (and ${troubled.length - 1} more)` : "";
    return `${troubled[0].name}: ${troubled[0].message ?? troubled[0].state}${more}`;
}

/** The app's container: the one named after it (berth's), else the first. */
function mainContainer(containers: k8s.V1Container[], appName: string): k8s.V1Container | undefined {
    return containers.find((c) => c.name === appName) ?? containers[0];
}

/** The digest the main container's image resolved to in a running pod (imageID), when one has run. */
function digestOf(pods: k8s.V1Pod[], container: string | undefined): string | undefined {
    for (const pod of pods) {
        const imageId = pod.status?.containerStatuses?.find((s) => s.name === container)?.imageID;
        const digest = imageId?.match(/sha256:[0-9a-f]{64}/)?.[0];
        if (digest !== undefined) {
            return digest;
        }
    }
    return undefined;
}

function firstLine(text: string): string {
    return text.split("\n")[0].trim();
}
