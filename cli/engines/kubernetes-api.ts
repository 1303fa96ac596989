import * as os from "os";
import * as k8s from "@kubernetes/client-node";
import { EngineUnreachableError } from "./engine-errors";

/*
 * The Kubernetes API server of a stack, through @kubernetes/client-node: a
 * kubeconfig (path or contents, as `kubernetes:kubeconfig` may hold either,
 * else the default one), a context (else its current one), and the calls
 * berth status and logs make. Every failure to connect becomes one
 * EngineUnreachableError naming the server and context.
 */

/** Where to find the cluster: the stack's kubernetes:kubeconfig / kubernetes:context, or the defaults. */
export interface KubeconfigChoice {
    /** A path, or the kubeconfig itself (YAML or JSON); undefined: KUBECONFIG or ~/.kube/config. */
    kubeconfig?: string;
    context?: string;
}

/** An answer of the API server other than success or 404. */
export class KubernetesApiError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

/** Asks the server for an object's metadata only (PartialObjectMetadata): no Secret data is ever fetched. */
const metadataOptions = k8s.setHeaderOptions("Accept", "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");

/** A namespaced or cluster object's metadata, read through its API group's typed client. */
type MetadataReader = (api: KubernetesApi, name: string, namespace: string) => Promise<{ metadata?: k8s.V1ObjectMeta }>;

/** The kinds berth creates (and those its workloads may grow into), by `apiVersion/kind`. */
const metadataReaders: Record<string, MetadataReader> = {
    "v1/Namespace": (api, name) => api.core.readNamespace({ name }, metadataOptions),
    "v1/ConfigMap": (api, name, namespace) => api.core.readNamespacedConfigMap({ name, namespace }, metadataOptions),
    "v1/Secret": (api, name, namespace) => api.core.readNamespacedSecret({ name, namespace }, metadataOptions),
    "v1/Service": (api, name, namespace) => api.core.readNamespacedService({ name, namespace }, metadataOptions),
    "v1/ServiceAccount": (api, name, namespace) => api.core.readNamespacedServiceAccount({ name, namespace }, metadataOptions),
    "v1/PersistentVolumeClaim": (api, name, namespace) => api.core.readNamespacedPersistentVolumeClaim({ name, namespace }, metadataOptions),
    "apps/v1/Deployment": (api, name, namespace) => api.apps.readNamespacedDeployment({ name, namespace }, metadataOptions),
    "apps/v1/StatefulSet": (api, name, namespace) => api.apps.readNamespacedStatefulSet({ name, namespace }, metadataOptions),
    "apps/v1/DaemonSet": (api, name, namespace) => api.apps.readNamespacedDaemonSet({ name, namespace }, metadataOptions),
    "batch/v1/Job": (api, name, namespace) => api.batch.readNamespacedJob({ name, namespace }, metadataOptions),
    "batch/v1/CronJob": (api, name, namespace) => api.batch.readNamespacedCronJob({ name, namespace }, metadataOptions),
    "networking.k8s.io/v1/Ingress": (api, name, namespace) => api.networking.readNamespacedIngress({ name, namespace }, metadataOptions),
    "networking.k8s.io/v1/NetworkPolicy": (api, name, namespace) => api.networking.readNamespacedNetworkPolicy({ name, namespace }, metadataOptions),
    "autoscaling/v2/HorizontalPodAutoscaler": (api, name, namespace) => api.autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace }, metadataOptions),
    "policy/v1/PodDisruptionBudget": (api, name, namespace) => api.policy.readNamespacedPodDisruptionBudget({ name, namespace }, metadataOptions),
};

/** The API server of one kubeconfig context. */
export class KubernetesApi {
    readonly core: k8s.CoreV1Api;
    readonly apps: k8s.AppsV1Api;
    readonly batch: k8s.BatchV1Api;
    readonly networking: k8s.NetworkingV1Api;
    readonly autoscaling: k8s.AutoscalingV2Api;
    readonly policy: k8s.PolicyV1Api;
    /** "the Kubernetes API server https://127.0.0.1:6443 (context admin)": what errors name. */
    readonly description: string;

    private constructor(readonly config: k8s.KubeConfig) {
        this.core = config.makeApiClient(k8s.CoreV1Api);
        this.apps = config.makeApiClient(k8s.AppsV1Api);
        this.batch = config.makeApiClient(k8s.BatchV1Api);
        this.networking = config.makeApiClient(k8s.NetworkingV1Api);
        this.autoscaling = config.makeApiClient(k8s.AutoscalingV2Api);
        this.policy = config.makeApiClient(k8s.PolicyV1Api);
        this.description = `the Kubernetes API server ${config.getCurrentCluster()?.server} (context ${config.getCurrentContext()})`;
    }

    /** Loads the kubeconfig and picks the context; a bad kubeconfig or context is an EngineUnreachableError. */
    static connect(choice: KubeconfigChoice): KubernetesApi {
        const where = choice.kubeconfig === undefined ? "the default kubeconfig" : looksLikeContents(choice.kubeconfig) ? "the stack's kubeconfig" : `the kubeconfig ${choice.kubeconfig}`;
        const config = new k8s.KubeConfig();
        try {
            if (choice.kubeconfig === undefined) {
                config.loadFromDefault();
            } else if (looksLikeContents(choice.kubeconfig)) {
                config.loadFromString(choice.kubeconfig);
            } else {
                config.loadFromFile(expandHome(choice.kubeconfig));
            }
            if (choice.context !== undefined) {
                config.setCurrentContext(choice.context);
            }
        } catch (error) {
            throw new EngineUnreachableError(`the Kubernetes cluster of ${where}`, (error as Error).message);
        }
        if (config.getContextObject(config.getCurrentContext()) === null || config.getCurrentCluster() === null) {
            const context = choice.context ?? config.getCurrentContext();
            throw new EngineUnreachableError(`the Kubernetes cluster of ${where}`, `it has no context "${context}" with a cluster`);
        }
        return new KubernetesApi(config);
    }

    /**
     * Runs one call: its answer; undefined on 404. Any other error answer is a
     * KubernetesApiError, a failure to connect an EngineUnreachableError.
     */
    async call<T>(what: string, request: () => Promise<T>): Promise<T | undefined> {
        try {
            return await request();
        } catch (error) {
            if (error instanceof k8s.ApiException) {
                if (error.code === 404) {
                    return undefined;
                }
                throw new KubernetesApiError(error.code, `${this.description}: ${what}: ${error.code} ${statusMessage(error.body)}`);
            }
            throw new EngineUnreachableError(this.description, (error as Error).message);
        }
    }

    /** An object's metadata (never its data); undefined when it is gone; "unknown" for a kind berth does not read. */
    async metadata(apiVersion: string, kind: string, name: string, namespace: string | undefined): Promise<k8s.V1ObjectMeta | undefined | "unknown"> {
        const reader = metadataReaders[`${apiVersion}/${kind}`];
        if (reader === undefined) {
            return "unknown";
        }
        const object = await this.call(`read ${kind} ${namespace === undefined ? "" : `${namespace}/`}${name}`, () => reader(this, name, namespace ?? ""));
        return object?.metadata ?? undefined;
    }
}

/** `kubernetes:kubeconfig` holds a path or the kubeconfig itself; contents span lines or are JSON. */
function looksLikeContents(kubeconfig: string): boolean {
    return kubeconfig.includes("\n") || kubeconfig.trimStart().startsWith("{");
}

function expandHome(file: string): string {
    return file.startsWith("~/") ? `${os.homedir()}${file.slice(1)}` : file;
}

/** The API server's error body is a Status with a message. */
function statusMessage(body: unknown): string {
    if (typeof body === "string") {
        try {
            return (JSON.parse(body) as { message?: string }).message ?? body;
        } catch {
            return body;
        }
    }
    return (body as { message?: string } | undefined)?.message ?? "";
}
