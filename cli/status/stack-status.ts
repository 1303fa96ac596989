import { DockerApi } from "../engines/docker-api";
import { KubernetesApi } from "../engines/kubernetes-api";
import { StackObject } from "../stack/components";
import { EngineOverrides, EngineSettings, engineSettings } from "../stack/engine-settings";
import { ExportedState } from "../stack/exported-state";
import { Target, stackWorkloads, supportingComponents, targetOf } from "../stack/workloads";
import { dockerObjectDrift } from "./docker-objects";
import { dockerWorkloadStatus } from "./docker-workload";
import { kubernetesObjectDrift } from "./kubernetes-objects";
import { ClusterFacts, kubernetesWorkloadStatus } from "./kubernetes-workload";
import { Drift, StackStatus, WorkloadStatus } from "./workload-status";

/*
 * The status of one stack: its workloads and the objects of its other berth
 * components, each read from the engine its provider deployed it to (one
 * connection per engine). Any failure to read turns into the stack's error.
 */

export interface ReadOptions {
    overrides: EngineOverrides;
    env: NodeJS.ProcessEnv;
}

/** The engines of one stack, connected once each. */
export class StackEngines {
    private readonly docker = new Map<string, DockerApi>();
    private readonly kubernetes = new Map<string, { api: KubernetesApi; facts?: ClusterFacts }>();

    constructor(
        private readonly state: ExportedState,
        private readonly options: ReadOptions,
    ) {}

    /** The settings of the engine a state object was deployed to. */
    settingsOf(object: StackObject, target: Target): EngineSettings {
        return engineSettings(this.state, object.provider, target, this.options.overrides, this.options.env);
    }

    dockerFor(object: StackObject): DockerApi {
        const settings = this.settingsOf(object, "docker");
        if (settings.target !== "docker") {
            throw new Error("unreachable: docker settings expected");
        }
        const key = `${settings.host} ${settings.certPath ?? ""}`;
        if (!this.docker.has(key)) {
            this.docker.set(key, new DockerApi(settings.host, settings.certPath));
        }
        return this.docker.get(key)!;
    }

    kubernetesFor(object: StackObject): KubernetesApi {
        return this.kubernetesEntry(object).api;
    }

    /** Whether the cluster has a node, asked once per cluster. */
    async clusterFacts(object: StackObject): Promise<ClusterFacts> {
        const entry = this.kubernetesEntry(object);
        if (entry.facts === undefined) {
            const nodes = await entry.api.call("list nodes", () => entry.api.core.listNode({ limit: 1 })).catch(() => undefined);
            entry.facts = nodes === undefined ? {} : { hasNode: nodes.items.length > 0 };
        }
        return entry.facts;
    }

    /** What was read, for the summary: `docker unix:///var/run/docker.sock`. */
    descriptions(): string[] {
        return [...[...this.docker.values()].map((api) => `docker ${api.host}`), ...[...this.kubernetes.values()].map(({ api }) => `kubernetes ${api.description.replace(/^the Kubernetes API server /, "")}`)];
    }

    /** Facts about the engines that explain the rows: a cluster without a node runs no pod. */
    notes(): string[] {
        return [...this.kubernetes.values()].filter(({ facts }) => facts?.hasNode === false).map(({ api }) => `${api.description} has no node: no pod can run`);
    }

    private kubernetesEntry(object: StackObject) {
        const settings = this.settingsOf(object, "kubernetes");
        if (settings.target !== "kubernetes") {
            throw new Error("unreachable: kubernetes settings expected");
        }
        const key = JSON.stringify([settings.kubeconfig, settings.context]);
        if (!this.kubernetes.has(key)) {
            this.kubernetes.set(key, { api: KubernetesApi.connect(settings) });
        }
        return this.kubernetes.get(key)!;
    }
}

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
