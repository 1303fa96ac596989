import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { appLabels } from "../labels";
import { AppModel, HealthCheckModel, RestartPolicy } from "../../model/app";
import { cpuCores, cpuMillicores, memoryMebibytes } from "../../model/quantities";
import { splitSecrets } from "../../model/secrets";
import { appEnv } from "../app-env";
import { RenderedApp } from "../backend";
import { dockerLabels } from "./network";

/** Docker's restart policies for berth's. */
const restartPolicies: Record<RestartPolicy, string> = {
    always: "unless-stopped",
    "on-failure": "on-failure",
    never: "no",
};

/**
 * A ContainerApp on Docker: the image resolved to its id (so a retag shows as
 * a change and an unchanged tag never does), then one container per replica,
 * all on the app's network under the app's name, so the network's DNS answers
 * the name with every replica. A container with a health check is waited on
 * until healthy, and `up` fails naming the container (and so the app) if not.
 */
export async function renderDockerApp(app: AppModel, replicas: number, parent: pulumi.Resource): Promise<RenderedApp> {
    const image = new docker.RemoteImage(`${app.name}-image`, { name: app.image, keepLocally: true }, { parent });

    const { secret: secretEnv } = await splitSecrets(app.env);
    const env = await appEnv(app, secretEnv);
    // A list holding any secret is a secret as a whole, so state never has it in plaintext.
    const envs = pulumi.all(env.map((e) => pulumi.output(e.value).apply((value) => `${e.name}=${value}`)));

    const uploads: docker.types.input.ContainerUpload[] = [];
    let uploadsHoldSecret = false;
    for (const mount of app.configs) {
        if (mount.mountPath === undefined) {
            continue;
        }
        const contents = await mount.config.contents;
        const files = { ...contents.plainFiles, ...contents.secretFiles };
        uploadsHoldSecret ||= Object.keys(contents.secretFiles).length > 0;
        for (const fileName of Object.keys(files).sort()) {
            uploads.push({ file: `${mount.mountPath}/${fileName}`, content: files[fileName] });
        }
    }

    // The provider copies files in through "/", which Docker refuses on a read-only root
    // filesystem; the files stay root-owned and read-only to the non-root app.
    const readOnlyRoot = app.security.readOnlyRootFilesystem && uploads.length === 0;
    if (readOnlyRoot !== app.security.readOnlyRootFilesystem) {
        pulumi.log.warn(
            `ContainerApp "${app.name}": its root filesystem is writable on Docker, which copies config files into a container only through a writable root filesystem`,
            parent,
        );
    }

    const tmpfs: Record<string, string> = {};
    if (app.security.readOnlyRootFilesystem) {
        // A read-only root still needs somewhere to write scratch files.
        tmpfs["/tmp"] = "rw,noexec,nosuid,size=64m";
    }
    for (const volume of app.volumes.filter((v) => !v.persistent)) {
        tmpfs[volume.mountPath] = volume.readOnly ? "ro" : "rw,nosuid";
    }

    const volumes: docker.types.input.ContainerVolume[] = [];
    const resourceNames: string[] = [];
    for (const volume of app.volumes.filter((v) => v.persistent)) {
        const volumeName = `${app.network.name}-${app.name}-${volume.name}`;
        const created = new docker.Volume(
            `${app.name}-${volume.name}`,
            { name: volumeName, labels: dockerLabels(appLabels(app)) },
            { parent },
        );
        volumes.push({ volumeName: created.name, containerPath: volume.mountPath, readOnly: volume.readOnly });
        resourceNames.push(volumeName);
    }

    // Declared as well as carried: a policy pack sees values with their secret markers removed
    // (@pulumi/policy unwraps them), but it sees the resource's additionalSecretOutputs.
    const secretOutputs = [...(env.some((e) => e.secret) ? ["envs"] : []), ...(uploadsHoldSecret ? ["uploads"] : [])];

    const published = app.ports.filter((p) => p.publish !== undefined);
    const limits = app.resources.limits;
    const requests = app.resources.requests;
    for (let index = 0; index < replicas; index++) {
        const containerName = `${app.network.name}-${app.name}-${index}`;
        new docker.Container(
            `${app.name}-${index}`,
            {
                name: containerName,
                image: image.imageId,
                entrypoints: app.command,
                command: app.args,
                envs: env.length > 0 ? envs : undefined,
                labels: dockerLabels(appLabels(app)),
                networksAdvanced: [{ name: app.network.ref, aliases: [app.name] }],
                // Empty lists are left out: the provider reads them back as absent, which would show as a diff.
                ports: nonEmpty(published.map((p) => ({ internal: p.port, external: p.publish!, ip: "127.0.0.1", protocol: p.protocol }))),
                uploads: nonEmpty(uploads),
                tmpfs: Object.keys(tmpfs).length > 0 ? tmpfs : undefined,
                volumes: nonEmpty(volumes),
                healthcheck: app.healthCheck ? dockerHealthcheck(app.healthCheck) : undefined,
                wait: app.healthCheck !== undefined,
                waitTimeout: app.healthCheck ? app.healthyTimeoutSeconds : undefined,
                restart: restartPolicies[app.restartPolicy],
                user: app.security.runAsNonRoot ? `${app.security.runAsUser}:${app.security.runAsGroup}` : undefined,
                readOnly: readOnlyRoot,
                capabilities: app.security.dropAllCapabilities ? { drops: ["ALL"] } : undefined,
                securityOpts: app.security.allowPrivilegeEscalation ? undefined : ["no-new-privileges:true"],
                memory: limits.memory ? memoryMebibytes(limits.memory) : undefined,
                // Docker's default swap is twice the memory limit, which the provider reads back as a
                // change; Kubernetes gives a container no swap, so neither does berth.
                memorySwap: limits.memory ? memoryMebibytes(limits.memory) : undefined,
                memoryReservation: requests.memory ? memoryMebibytes(requests.memory) : undefined,
                cpus: limits.cpu ? cpuCores(limits.cpu) : undefined,
                // Docker's relative CPU weight; 1024 is one core's worth.
                cpuShares: requests.cpu ? Math.max(2, Math.round((cpuMillicores(requests.cpu)! * 1024) / 1000)) : undefined,
            },
            { parent, additionalSecretOutputs: nonEmpty(secretOutputs) },
        );
        resourceNames.push(containerName);
    }

    const firstPublished = published[0];
    return {
        url: firstPublished ? `http://127.0.0.1:${firstPublished.publish}` : undefined,
        resourceNames: resourceNames.sort(),
    };
}

/** Docker runs health checks inside the container: http needs `wget`, tcp needs `sh` and `nc` in the image. */
export function dockerHealthcheck(check: HealthCheckModel): docker.types.input.ContainerHealthcheck {
    let tests: string[];
    if (check.kind === "http") {
        tests = ["CMD", "wget", "-q", "-O", "/dev/null", `http://127.0.0.1:${check.port}${check.path}`];
    } else if (check.kind === "tcp") {
        // BusyBox's small nc (Debian's busybox-static) has no -z: it connects with empty input
        // instead, and the server closes on that EOF. Both need a shell in the image.
        const port = `${check.port}`;
        tests = ["CMD-SHELL", `nc -z 127.0.0.1 ${port} 2>/dev/null || nc -w 2 127.0.0.1 ${port} </dev/null >/dev/null`];
    } else {
        tests = ["CMD", ...check.command!];
    }
    return {
        tests,
        interval: `${check.intervalSeconds}s`,
        timeout: `${check.timeoutSeconds}s`,
        retries: check.failureThreshold,
        startPeriod: `${check.initialDelaySeconds}s`,
    };
}

function nonEmpty<T>(list: T[]): T[] | undefined {
    return list.length > 0 ? list : undefined;
}
