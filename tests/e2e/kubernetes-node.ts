import * as http from "http";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { KubeApi, KubeObject } from "./kubernetes-api";
import { runScript } from "./tools";

/**
 * A tools/cluster control plane with a real node (`start --node`: kubelet,
 * containerd, kube-proxy, CoreDNS, kube-router) in a state dir of the suite's
 * own. The node is one per machine; the suite starts it fresh and stops
 * exactly what tools/cluster recorded in that dir, the pods with it.
 */
export class NodeCluster {
    private constructor(
        /** The state dir (certificates, etcd data, containerd, kubelet, logs, pids). */
        public readonly dir: string,
        /** Path of the admin kubeconfig tools/cluster wrote. */
        public readonly kubeconfig: string,
    ) {}

    /** Stops what an earlier run left in dir, removes its state, and starts a control plane and node there. */
    static startFresh(dir: string): NodeCluster {
        runScript("tools/cluster", ["stop", "--clean", "--dir", dir]);
        const output = runScript("tools/cluster", ["start", "--node", "--dir", dir]).trim().split("\n");
        return new NodeCluster(dir, output[output.length - 1]);
    }

    /**
     * Copies images from the local Docker engine into the node's containerd, each `source=name` also
     * under name and under `<repository>@<digest>`; returns those digest references, in order.
     */
    loadImages(images: string[]): string[] {
        return runScript("tools/cluster", ["load-image", "--dir", this.dir, ...images]).trim().split("\n");
    }

    /** Stops the node (its pods with it) and the control plane. */
    stop(): void {
        runScript("tools/cluster", ["stop", "--dir", this.dir]);
    }

    /**
     * Runs a shell command in the pod's (first) container through the node's
     * CRI (crictl exec): the container's own user, filesystem and network.
     */
    exec(pod: KubeObject, command: string): { status: number; output: string } {
        const id = String(pod.status?.containerStatuses?.[0]?.containerID ?? "").replace(/^containerd:\/\//, "");
        if (!id) {
            throw new Error(`pod ${pod.metadata.name} has no running container`);
        }
        const result = spawnSync(crictl(), ["--config", path.join(this.dir, "node", "crictl.yaml"), "exec", id, "sh", "-c", command], {
            encoding: "utf8",
            timeout: 60_000,
        });
        return { status: result.status ?? -1, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
    }

    /** The pod sandboxes of a namespace the runtime still runs (state Ready). */
    runningSandboxes(namespace: string): string[] {
        const result = spawnSync(crictl(), ["--config", path.join(this.dir, "node", "crictl.yaml"), "pods", "--namespace", namespace, "--state", "ready", "-q"], {
            encoding: "utf8",
        });
        if (result.status !== 0) {
            throw new Error(`crictl pods failed: ${result.stderr}`);
        }
        return result.stdout.split("\n").filter((line) => line.trim() !== "");
    }
}

/** crictl as tools/node/build built it (env.sh names its dir). */
function crictl(): string {
    const bin = process.env.BERTH_NODE_ADDONS_BIN ?? path.join(process.env.BERTH_TOOLS_CACHE ?? path.join(os.homedir(), ".cache", "berth-tools"), "node-addons", "bin");
    return path.join(bin, "crictl");
}

/** The pods of an app (by berth's selector label), with whether each is Ready. */
export async function podsOf(api: KubeApi, namespace: string, app: string): Promise<Array<KubeObject & { ready: boolean }>> {
    const pods = await api.list("Pod", namespace, `app.kubernetes.io/name=${app}`);
    return pods
        .filter((pod) => !pod.metadata.deletionTimestamp)
        .map((pod) => ({
            ...pod,
            ready: (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True"),
        }));
}

/** One plain GET on loopback, bounded in time; resolves with the status (0 when the request failed) and body. */
export function httpGet(url: string, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
        const request = http.get(url, { timeout: timeoutMs, agent: false }, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk) => (body += chunk));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
            response.on("error", (error) => resolve({ status: 0, body: String(error) }));
        });
        request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        request.on("error", (error) => resolve({ status: 0, body: String(error) }));
    });
}

