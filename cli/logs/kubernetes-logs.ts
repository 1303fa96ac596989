import { Writable } from "stream";
import * as k8s from "@kubernetes/client-node";
import { KubernetesApi } from "../engines/kubernetes-api";
import { readWorkloadObject, selectedPods } from "../engines/kubernetes-workloads";
import { Workload } from "../stack/workloads";
import { stateMetadata } from "../stack/kubernetes-ref";
import { LineSplitter, LogLine, parseLogLine } from "./log-line";
import { LogRequest } from "./log-request";
import { sinceTime } from "./since";

/*
 * The logs of an app or job on Kubernetes: every container (init containers
 * and sidecars included) of every pod the workload object selects, with
 * timestamps; a line is prefixed with its pod, and with the container when
 * the pod has more than one. A container that has not started yet has no
 * log: it is reported, not waited for.
 */

export function kubernetesLogReader(api: KubernetesApi, workload: Workload) {
    return async (request: LogRequest, onLine: (line: LogLine) => void): Promise<string[]> => {
        const object = workload.running[0];
        const { name, namespace } = stateMetadata(object);
        const live = await readWorkloadObject(api, object.type, name, namespace);
        if (live === undefined) {
            return [`${object.type.slice(object.type.lastIndexOf(":") + 1)} ${namespace}/${name}: not in the API server (deleted out of band)`];
        }
        const pods = await selectedPods(api, live, namespace);
        if (pods.length === 0) {
            return [`${workload.component.name}: no pod runs in ${namespace}, so there is no log to read`];
        }
        const problems: string[] = [];
        const reads: Array<Promise<void>> = [];
        for (const pod of pods) {
            const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
            const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
            for (const container of containers) {
                const podName = pod.metadata?.name ?? "";
                const source = containers.length > 1 ? `${podName}/${container}` : podName;
                const status = statuses.find((s) => s.name === container);
                if (!hasStarted(status)) {
                    problems.push(`${source}: not started yet (${waitingReason(pod, status)}), no log`);
                    continue;
                }
                const emit = (line: string) => onLine(parseLogLine(source, line));
                reads.push(request.follow ? followContainer(api, namespace, podName, container, request, emit) : readContainer(api, namespace, podName, container, request, emit));
            }
        }
        await Promise.all(reads);
        return problems.sort();
    };
}

/** A container has a log once it has run: running or terminated now, or in its last state. */
function hasStarted(status: k8s.V1ContainerStatus | undefined): boolean {
    return status !== undefined && (status.state?.running !== undefined || status.state?.terminated !== undefined || status.lastState?.terminated !== undefined);
}

function waitingReason(pod: k8s.V1Pod, status: k8s.V1ContainerStatus | undefined): string {
    return status?.state?.waiting?.reason ?? (pod.spec?.nodeName === undefined ? "not scheduled to a node" : (pod.status?.phase ?? "Pending"));
}

function logOptions(request: LogRequest) {
    const sinceSeconds = request.since === undefined ? undefined : Math.max(1, Math.ceil((request.now.getTime() - sinceTime(request.since, request.now).getTime()) / 1000));
    return { timestamps: true, ...(request.tail === undefined ? {} : { tailLines: request.tail }), ...(sinceSeconds === undefined ? {} : { sinceSeconds }) };
}

async function readContainer(api: KubernetesApi, namespace: string, name: string, container: string, request: LogRequest, emit: (line: string) => void): Promise<void> {
    const text = await api.call(`read the log of ${namespace}/${name}/${container}`, () => api.core.readNamespacedPodLog({ name, namespace, container, ...logOptions(request) }));
    const splitter = new LineSplitter(emit);
    splitter.push(text ?? "");
    splitter.end();
}

/** Streams a container's log until it ends or the request is aborted. */
async function followContainer(api: KubernetesApi, namespace: string, name: string, container: string, request: LogRequest, emit: (line: string) => void): Promise<void> {
    const splitter = new LineSplitter(emit);
    let failure: Error | undefined;
    const done = new Promise<void>((resolve) => {
        const sink = new Writable({
            write(chunk: Buffer, _encoding, callback) {
                splitter.push(chunk.toString("utf8"));
                callback();
            },
            final(callback) {
                resolve();
                callback();
            },
        });
        const opened = api.call(`follow the log of ${namespace}/${name}/${container}`, () => new k8s.Log(api.config).log(namespace, name, container, sink, { follow: true, ...logOptions(request) }));
        opened.then(
            (controller) => request.signal.addEventListener("abort", () => {
                controller?.abort();
                resolve();
            }),
            (error: Error) => {
                failure = error;
                resolve();
            },
        );
    });
    await done;
    splitter.end();
    if (failure !== undefined) {
        throw failure;
    }
}
