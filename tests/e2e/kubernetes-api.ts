import * as assert from "assert";
import * as fs from "fs";
import * as https from "https";
import { parse } from "yaml";

/** The kinds berth creates, with the API path each lives under. */
const kinds = {
    Namespace: { prefix: "/api/v1", plural: "namespaces", namespaced: false },
    Node: { prefix: "/api/v1", plural: "nodes", namespaced: false },
    Pod: { prefix: "/api/v1", plural: "pods", namespaced: true },
    ConfigMap: { prefix: "/api/v1", plural: "configmaps", namespaced: true },
    Secret: { prefix: "/api/v1", plural: "secrets", namespaced: true },
    Service: { prefix: "/api/v1", plural: "services", namespaced: true },
    PersistentVolumeClaim: { prefix: "/api/v1", plural: "persistentvolumeclaims", namespaced: true },
    Deployment: { prefix: "/apis/apps/v1", plural: "deployments", namespaced: true },
    StatefulSet: { prefix: "/apis/apps/v1", plural: "statefulsets", namespaced: true },
    Job: { prefix: "/apis/batch/v1", plural: "jobs", namespaced: true },
    NetworkPolicy: { prefix: "/apis/networking.k8s.io/v1", plural: "networkpolicies", namespaced: true },
    Ingress: { prefix: "/apis/networking.k8s.io/v1", plural: "ingresses", namespaced: true },
    HorizontalPodAutoscaler: { prefix: "/apis/autoscaling/v2", plural: "horizontalpodautoscalers", namespaced: true },
    PodDisruptionBudget: { prefix: "/apis/policy/v1", plural: "poddisruptionbudgets", namespaced: true },
} as const;

export type Kind = keyof typeof kinds;
/** The namespaced kinds berth creates (not Pod: a Deployment's pods are its controllers' to create and delete). */
export const namespacedKinds = (Object.keys(kinds) as Kind[]).filter((kind) => kinds[kind].namespaced && kind !== "Pod");

/** A Kubernetes object as the API server returns it (only what the tests read is typed). */
export interface KubeObject {
    metadata: {
        name: string;
        namespace?: string;
        uid: string;
        generation?: number;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
        deletionTimestamp?: string;
        managedFields?: Array<{ manager: string; operation: string; fieldsV1?: Record<string, unknown> }>;
    };
    spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field in the tests

    data?: Record<string, string>;
    status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field in the tests
}

/**
 * Reads objects back from the API server named by a kubeconfig (the current
 * context, client-certificate auth, as tools/cluster writes it): plain HTTPS,
 * so the suite needs neither kubectl nor a client library.
 */
export class KubeApi {
    private constructor(
        private readonly server: URL,
        private readonly tls: { ca: Buffer; cert: Buffer; key: Buffer },
    ) {}

    static fromKubeconfig(file: string): KubeApi {
        const config = parse(fs.readFileSync(file, "utf8"));
        const context = config.contexts.find((c: { name: string }) => c.name === config["current-context"]).context;
        const cluster = config.clusters.find((c: { name: string }) => c.name === context.cluster).cluster;
        const user = config.users.find((u: { name: string }) => u.name === context.user).user;
        const decode = (data: string) => Buffer.from(data, "base64");
        return new KubeApi(new URL(cluster.server), {
            ca: decode(cluster["certificate-authority-data"]),
            cert: decode(user["client-certificate-data"]),
            key: decode(user["client-key-data"]),
        });
    }

    /** The object, or undefined when the API server answers 404. */
    async get(kind: Kind, name: string, namespace?: string): Promise<KubeObject | undefined> {
        return this.request(`${collection(kind, namespace)}/${name}`);
    }

    /** The object; fails the test, naming the object, when the API server does not have it. */
    async mustGet(kind: Kind, name: string, namespace?: string): Promise<KubeObject> {
        const object = await this.get(kind, name, namespace);
        assert.ok(object, `${kind} ${namespace ? `${namespace}/` : ""}${name} exists in the API server`);
        return object;
    }

    /** Deletes the object, as an operator with kubectl would. */
    async delete(kind: Kind, name: string, namespace?: string): Promise<void> {
        await this.request(`${collection(kind, namespace)}/${name}`, "DELETE");
    }

    /** Every object of a kind in a namespace, optionally filtered by a label selector. */
    async list(kind: Kind, namespace: string, labelSelector?: string): Promise<KubeObject[]> {
        const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : "";
        const list = await this.request<{ items: KubeObject[] }>(`${collection(kind, namespace)}${query}`);
        return list?.items ?? [];
    }

    private request<T = KubeObject>(requestPath: string, method: "GET" | "DELETE" = "GET"): Promise<T | undefined> {
        return new Promise((resolve, reject) => {
            const request = https.request(
                {
                    host: this.server.hostname,
                    port: this.server.port,
                    path: requestPath,
                    method,
                    headers: { Accept: "application/json" },
                    ...this.tls,
                },
                (response) => {
                    let body = "";
                    response.setEncoding("utf8");
                    response.on("data", (chunk) => (body += chunk));
                    response.on("end", () => {
                        if (response.statusCode === 404) {
                            resolve(undefined);
                        } else if (response.statusCode !== 200 && !(method === "DELETE" && response.statusCode === 202)) {
                            reject(new Error(`${method} ${requestPath}: ${response.statusCode} ${body}`));
                        } else {
                            resolve(JSON.parse(body) as T);
                        }
                    });
                },
            );
            request.on("error", reject);
            request.end();
        });
    }
}

function collection(kind: Kind, namespace?: string): string {
    const { prefix, plural, namespaced } = kinds[kind];
    if (namespaced && namespace === undefined) {
        throw new Error(`${kind} is namespaced: name the namespace`);
    }
    return namespaced ? `${prefix}/namespaces/${namespace}/${plural}` : `${prefix}/${plural}`;
}

/**
 * The spec fields the Pulumi provider itself applied (server-side apply):
 * the managedFields entry of its field manager (`pulumi-kubernetes-<id>`,
 * operation Apply). That is what the manifest sent, unlike the object's
 * spec, where the API server fills defaults and controllers write.
 */
export function fieldsAppliedByPulumi(object: KubeObject): Record<string, unknown> {
    const entries = (object.metadata.managedFields ?? []).filter((entry) => entry.manager.startsWith("pulumi-kubernetes") && entry.operation === "Apply");
    if (entries.length !== 1) {
        throw new Error(`${object.metadata.name}: expected one Apply entry of Pulumi's field manager, found ${entries.map((e) => e.manager).join(", ") || "none"}`);
    }
    return entries[0].fieldsV1 ?? {};
}

/** Polls until check returns something other than undefined, or throws after timeoutMs. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value !== undefined) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
    }
}
