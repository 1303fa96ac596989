import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { SystemOptions, benchApp, defaultSystem } from "./bench-app";

/**
 * The benchmark system written by hand with @pulumi/docker: the objects berth
 * creates on Docker, with the same inputs. Docker has no autoscaler, so each
 * app runs minReplicas containers; a config change replaces them (Docker
 * cannot change env or files in place), so no config hash is needed.
 */
export function rawDockerSystem(appCount: number, options: SystemOptions = defaultSystem): void {
    const networkName = options.network;
    const label = (labels: Record<string, string>) => Object.entries(labels).map(([key, value]) => ({ label: key, value }));
    const network = new docker.Network(networkName, {
        name: networkName,
        driver: "bridge",
        internal: false,
        labels: label({ "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/part-of": networkName }),
        // Default deny: the bridge carries no traffic between containers (no app here lets another in).
        options: { "com.docker.network.bridge.enable_icc": "false" },
    });

    for (let index = 0; index < appCount; index++) {
        const app = benchApp(index);
        const image = new docker.RemoteImage(`${app.name}-image`, { name: app.image, keepLocally: true });
        const token = pulumi.secret(app.secret.value);
        // One list holding the secret: the whole list is a secret in state.
        const envs = token.apply((value) => [
            `${app.secret.key}=${value}`,
            ...Object.entries({ ...app.values, ...app.env }).map(([name, plain]) => `${name}=${plain}`),
        ]);
        const labels = label({
            "app.kubernetes.io/managed-by": "berth",
            "app.kubernetes.io/name": app.name,
            "app.kubernetes.io/part-of": networkName,
        });
        const check = `http://127.0.0.1:${app.port.port}${app.healthPath}`;
        for (let replica = 0; replica < app.minReplicas; replica++) {
            new docker.Container(`${app.name}-${replica}`, {
                name: `${networkName}-${app.name}-${replica}`,
                image: image.imageId,
                envs,
                labels,
                // Behind the default deny no container reaches another, so no name on the bridge.
                networksAdvanced: [{ name: network.name }],
                uploads: Object.entries(app.files).map(([fileName, content]) => ({ file: `${app.mountPath}/${fileName}`, content })),
                tmpfs: { "/tmp": "rw,noexec,nosuid,size=64m" },
                healthcheck: { tests: ["CMD", "wget", "-q", "-O", "/dev/null", check], interval: "10s", timeout: "5s", retries: 3, startPeriod: "0s" },
                wait: true,
                waitTimeout: 60,
                restart: "unless-stopped",
                user: "65532:65532",
                // Docker copies the uploads in through "/", which it refuses on a read-only root.
                readOnly: false,
                capabilities: { drops: ["ALL"] },
                securityOpts: ["no-new-privileges:true"],
                memory: 512,
                memorySwap: 512,
                memoryReservation: 256,
                cpus: "1",
                cpuShares: 256,
            });
        }
    }
}
