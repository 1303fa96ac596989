import * as fs from "fs";
import { parse } from "yaml";
import { clusterStatus } from "./kubernetes-cluster";
import { runScript } from "./tools";

/**
 * A tools/cluster control plane in a state dir of its own, for a suite that
 * stops and restarts it mid-test: never the shared one (/tmp/berth-cluster)
 * that other suites may be using at the same time. The suite starts it fresh,
 * and stops exactly the processes tools/cluster recorded in that dir.
 */
export class OwnCluster {
    private constructor(
        /** The state dir (certificates, etcd data, logs, pids, kubeconfig). */
        public readonly dir: string,
        /** Path of the kubeconfig tools/cluster wrote; it stays the same across restarts. */
        public readonly kubeconfig: string,
    ) {}

    /** Stops what an earlier run left in dir, removes its state, and starts a fresh cluster there. */
    static startFresh(dir: string): OwnCluster {
        runScript("tools/cluster", ["stop", "--clean", "--dir", dir]);
        const output = runScript("tools/cluster", ["start", "--dir", dir]).trim().split("\n");
        return new OwnCluster(dir, output[output.length - 1]);
    }

    /** The API server's URL, as the kubeconfig names it. */
    get server(): string {
        const config = parse(fs.readFileSync(this.kubeconfig, "utf8"));
        return config.clusters[0].cluster.server;
    }

    /** Whether kube-controller-manager runs, so namespaces are deleted for good and HPAs act. */
    get controllersRun(): boolean {
        return clusterStatus(this.dir).controllersRun;
    }

    /** Stops kube-apiserver (and the etcd and controller manager beside it) by their recorded pids. */
    stop(): void {
        runScript("tools/cluster", ["stop", "--dir", this.dir]);
    }

    /**
     * Starts the stopped cluster again on its etcd data and ports, so the same
     * kubeconfig reaches it (a no-op when it is up); throws if the API server
     * came back elsewhere.
     */
    restart(): void {
        const before = this.server;
        runScript("tools/cluster", ["start", "--dir", this.dir]);
        if (this.server !== before) {
            throw new Error(`the API server came back on ${this.server}, not ${before}`);
        }
    }
}
