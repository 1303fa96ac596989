import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { AppModel } from "../../model/app";
import { splitSecrets } from "../../model/secrets";
import { appEnv } from "../app-env";
import { RenderedApp } from "../backend";
import { dockerAppImage } from "./app-image";
import { appLabels } from "../labels";
import { replicaContainer, replicaName, secretOutputs } from "./container";
import { envList } from "./env";
import { dockerLabels } from "./label-list";
import { placeDockerApp } from "./allow-networks";
import { publishedUrl } from "./ports";
import { allowNetworkName } from "./reach";
import { configUploads } from "./uploads";

/**
 * A ContainerApp on Docker: the image pulled or built, resolved to its id
 * (app-image.ts), then one container per replica, all under the app's name on
 * the networks through which the app is reached (reach.ts), so the network's
 * DNS answers the name with every replica. A container with a health check is
 * waited on until healthy, and `up` fails naming the container (and so the
 * app) if not.
 * Each part of the container comes from a builder (container.ts and the
 * files it reads).
 */
export async function renderDockerApp(app: AppModel, replicas: number, parent: pulumi.Resource): Promise<RenderedApp> {
    // Placed before the first await (a built image's is among them): from here on an app that
    // lets this one in comes too late (allow-networks.ts), whatever the awaits below take.
    const { networks, reach } = placeDockerApp(app);
    for (const warning of reach.warnings) {
        pulumi.log.warn(warning, parent);
    }
    const image = await dockerAppImage(app, parent);
    const { secret: secretEnv } = await splitSecrets(app.env);
    const env = await appEnv(app, secretEnv);
    const files = configUploads(await mountedContents(app));

    // The provider copies files in through "/", which Docker refuses on a read-only root
    // filesystem; the files stay root-owned and read-only to the non-root app.
    const readOnlyRoot = app.security.readOnlyRootFilesystem && files.uploads.length === 0;
    if (readOnlyRoot !== app.security.readOnlyRootFilesystem) {
        pulumi.log.warn(
            `ContainerApp "${app.name}": its root filesystem is writable on Docker, which copies config files into a container only through a writable root filesystem`,
            parent,
        );
    }

    const resourceNames: string[] = [];
    const volumes: docker.types.input.ContainerVolume[] = [];
    for (const volume of app.volumes.filter((v) => v.persistent)) {
        const volumeName = `${app.network.name}-${app.name}-${volume.name}`;
        const created = new docker.Volume(`${app.name}-${volume.name}`, { name: volumeName, labels: dockerLabels(appLabels(app)) }, { parent });
        volumes.push({ volumeName: created.name, containerPath: volume.mountPath, readOnly: volume.readOnly });
        resourceNames.push(volumeName);
    }

    if (reach.ownsAllowNetwork) {
        resourceNames.push(allowNetworkName(app.network.name, app.name));
    }

    const parts = { imageId: image.imageId, envs: env.length > 0 ? envList(env) : undefined, uploads: files.uploads, volumes, readOnlyRoot, networks };
    const additionalSecretOutputs = secretOutputs(env.some((e) => e.secret), files.holdsSecret);
    for (let index = 0; index < replicas; index++) {
        new docker.Container(`${app.name}-${index}`, replicaContainer(app, index, parts), { parent, additionalSecretOutputs });
        resourceNames.push(replicaName(app, index));
    }
    return { url: publishedUrl(app.ports), resourceNames: resourceNames.sort() };
}

/** The contents of each config the app mounts, with where. */
async function mountedContents(app: AppModel) {
    const mounts = [];
    for (const mount of app.configs) {
        if (mount.mountPath !== undefined) {
            mounts.push({ mountPath: mount.mountPath, contents: await mount.config.contents, secretsAsFiles: mount.secretsAsFiles });
        }
    }
    return mounts;
}
