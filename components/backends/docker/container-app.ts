import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { AppModel } from "../../model/app";
import { Readiness } from "../../validation/workload-roster";
import { RenderedApp } from "../backend";
import { dockerImage } from "./container-image";
import { workloadBuildOwner } from "../image-build";
import { appLabels } from "../labels";
import { containerOptions, replicaContainer, replicaName, restartPolicies } from "./container";
import { resolveContainer } from "./container-parts";
import { helperName, sidecarContainer } from "./helper-containers";
import { namedVolumes } from "./named-volumes";
import { publishedUrl } from "./ports";
import { createNamedVolumes, helperParts, ownParts, resolveHelpers, runInitContainers } from "./workload-containers";
import { placeDockerApp } from "./allow-networks";
import { allowNetworkName } from "./reach";

/**
 * A ContainerApp on Docker: the images pulled or built (container-image.ts) and
 * resolved to their ids, then per replica its named volumes, its init
 * containers (run to completion, in order), its container (under the app's
 * name on the networks through which the app is reached, reach.ts, so the
 * network's DNS answers the name with every replica) and its sidecars (in the
 * container's network namespace). A container with a health check is waited
 * on until healthy, and `up` fails naming the container (and so the app) if
 * not. The containers wait for the app's dependencies. Each part comes from a
 * builder (container.ts, helper-containers.ts and the files they read).
 */
export async function renderDockerApp(app: AppModel, replicas: number, parent: pulumi.Resource, dependencies: Readiness[]): Promise<RenderedApp> {
    // Placed before anything is awaited (a built image's build among them): an app declared later that lets this one in is refused every time.
    const { networks, reach } = placeDockerApp(app);
    const describe = `ContainerApp "${app.name}"`;
    const labels = appLabels(app);
    const owner = workloadBuildOwner(describe, app);
    const imageId = await dockerImage(owner, app, parent);
    const own = await resolveContainer(app, describe, parent);
    const inits = await resolveHelpers(owner, app.initContainers, parent, true);
    const sidecars = await resolveHelpers(owner, app.sidecars, parent, false);
    const named = namedVolumes(app, app.sidecars);
    const after = dependencies.flatMap((d) => d.resources);

    const resourceNames: string[] = [];
    const containers: docker.Container[] = [];
    for (const warning of reach.warnings) {
        pulumi.log.warn(warning, parent);
    }
    if (reach.ownsAllowNetwork) {
        resourceNames.push(allowNetworkName(app.network.name, app.name));
    }
    // Init containers reach what the app reaches, under no name of their own.
    const initNetworks = networks.map((n) => ({ name: n.name }));
    for (let index = 0; index < replicas; index++) {
        const name = replicaName(app, index);
        const { namedVolume, names } = createNamedVolumes(app, named, index, labels, parent);
        resourceNames.push(...names);

        const run = await runInitContainers({ owner: name, resourcePrefix: `${app.name}-${index}`, networks: initNetworks, labels, describe, parent, after }, inits, namedVolume);
        resourceNames.push(...inits.slice(0, run.containers.length).map((h) => helperName(name, h.model)));
        if (!run.succeeded) {
            // The failure is reported; the program fails, so nothing that exists is deleted.
            continue;
        }

        const parts = ownParts(app, imageId, own, named, namedVolume, networks);
        const container = new docker.Container(`${app.name}-${index}`, replicaContainer(app, index, parts), containerOptions(parent, own.secretOutputs, [...run.containers, ...after]));
        containers.push(container);
        resourceNames.push(name);

        for (const sidecar of sidecars) {
            const args = sidecarContainer(sidecar.model, name, container.id, restartPolicies[app.restartPolicy], labels, helperParts(sidecar, namedVolume));
            new docker.Container(`${app.name}-${index}.${sidecar.model.name}`, args, containerOptions(parent, sidecar.resolved.secretOutputs));
            resourceNames.push(helperName(name, sidecar.model));
        }
    }
    return {
        url: publishedUrl(app.ports),
        resourceNames: resourceNames.sort(),
        readiness: { resources: containers, succeeded: Promise.resolve(containers.length === replicas) },
    };
}
