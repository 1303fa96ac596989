import { StackObject } from "../stack/components";
import { EngineOverrides, EngineSettings, engineSettings } from "../stack/engine-settings";
import { ExportedState } from "../stack/exported-state";
import { Target } from "../stack/workloads";
import { DockerApi } from "./docker-api";
import { KubernetesApi } from "./kubernetes-api";

/*
 * The engines one stack deployed to, connected once each: the Docker host or
 * Kubernetes cluster of the provider that made each object of the state, with
 * the user's overrides.
 */

/** What the engine knows of a cluster as a whole, read once per reading. */
export interface ClusterFacts {
    /** Whether any node is registered; undefined when the API server would not say (RBAC). */
    hasNode?: boolean;
}

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
