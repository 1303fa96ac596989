import { spawnSync } from "child_process";
import * as path from "path";
import { repoRoot, runScript } from "./tools";

const clusterScript = path.join(repoRoot, "tools", "cluster");

/**
 * The local control plane of tools/cluster (etcd, kube-apiserver and, when it
 * was built, kube-controller-manager on loopback). A suite uses the one that
 * is already up, or starts one and stops it again: never one it did not start.
 */
export class LocalCluster {
    private constructor(
        /** Path of the kubeconfig tools/cluster wrote (client certificates embedded). */
        public readonly kubeconfig: string,
        /** Whether this process started the cluster (and so must stop it). */
        public readonly startedHere: boolean,
        /** Whether kube-controller-manager runs, so Deployments get ReplicaSets and HPAs act. */
        public readonly controllersRun: boolean,
    ) {}

    static ensure(): LocalCluster {
        const wasUp = clusterStatus().up;
        // `start` on a running cluster is a no-op that prints the kubeconfig path all the same.
        const output = runScript("tools/cluster", ["start"]).trim().split("\n");
        const kubeconfig = output[output.length - 1];
        return new LocalCluster(kubeconfig, !wasUp, clusterStatus().controllersRun);
    }

    /** Stops the cluster if this process started it. */
    stopIfStartedHere(): void {
        if (this.startedHere) {
            runScript("tools/cluster", ["stop"]);
        }
    }
}

/** What `tools/cluster status` says of the cluster in dir (tools/cluster's default dir when none is given). */
export function clusterStatus(dir?: string): { up: boolean; controllersRun: boolean } {
    // Exit 0 only when etcd and kube-apiserver run and /readyz answers; components are listed on stderr.
    const result = spawnSync(clusterScript, ["status", ...(dir === undefined ? [] : ["--dir", dir])], { cwd: repoRoot, encoding: "utf8" });
    return { up: result.status === 0, controllersRun: /kube-controller-manager: running/.test(result.stderr ?? "") };
}
