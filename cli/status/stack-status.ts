import { ReadOptions, StackEngines } from "../engines/stack-engines";
import { StackObject } from "../stack/components";
import { ExportedState } from "../stack/exported-state";
import { stackWorkloads, supportingComponents, targetOf } from "../stack/workloads";
import { dockerObjectDrift } from "./docker-objects";
import { dockerWorkloadStatus } from "./docker-workload";
import { kubernetesObjectDrift } from "./kubernetes-objects";
import { kubernetesWorkloadStatus } from "./kubernetes-workload";
import { Drift, StackStatus, WorkloadStatus } from "./workload-status";

/*
 * The status of one stack: its workloads and the objects of its other berth
 * components, each read from the engine its provider deployed it to (one
 * connection per engine). Any failure to read turns into the stack's error.
 */

/** Reads the status of every workload of the stack and the drift of its other objects. */
export async function stackStatus(state: ExportedState, options: ReadOptions): Promise<StackStatus> {
    const engines = new StackEngines(state, options);
    const status: StackStatus = { stack: state.stack, project: state.project, engines: [], workloads: [], drift: [], notes: [] };
    try {
        for (const workload of stackWorkloads(state)) {
            const object = workload.running[0];
            let observed: WorkloadStatus;
            if (workload.target === "docker") {
                observed = await dockerWorkloadStatus(engines.dockerFor(object), workload);
            } else {
                observed = await kubernetesWorkloadStatus(engines.kubernetesFor(object), workload, await engines.clusterFacts(object));
            }
            status.workloads.push(observed);
        }
        for (const component of supportingComponents(state)) {
            for (const object of component.objects) {
                const drift = await objectDrift(engines, object);
                if (drift !== undefined) {
                    status.drift.push({ ...drift, detail: `${drift.detail} (${component.className} ${component.name})` });
                }
            }
        }
    } catch (error) {
        status.error = (error as Error).message;
    }
    // By name, as kubectl lists: the state's order depends on when each app rendered.
    status.workloads.sort((a, b) => a.name.localeCompare(b.name));
    status.engines = engines.descriptions();
    status.notes = engines.notes();
    return status;
}

async function objectDrift(engines: StackEngines, object: StackObject): Promise<Drift | undefined> {
    switch (targetOf(object)) {
        case "docker":
            return dockerObjectDrift(engines.dockerFor(object), object);
        case "kubernetes":
            return kubernetesObjectDrift(engines.kubernetesFor(object), object);
        default:
            return undefined;
    }
}
