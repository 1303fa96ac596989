import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { AppModel, RestartPolicy } from "../../model/app";
import { StringMap } from "../../model/maps";
import { ContainerSpecModel } from "../../model/workload";
import { appLabels } from "../labels";
import { nonEmpty } from "../non-empty";
import { dockerHealthcheck } from "./healthcheck";
import { dockerLabels } from "./label-list";
import { dockerResources } from "./limits";
import { publishedPorts } from "./ports";
import { dockerSecurity } from "./security";

/** Docker's restart policies for berth's. */
export const restartPolicies: Record<RestartPolicy, string> = {
    always: "unless-stopped",
    "on-failure": "on-failure",
    never: "no",
};

/** What a container is made of besides its model, resolved once for it (and shared by an app's replicas). */
export interface ContainerParts {
    /** The image's id, so a retag shows as a change and an unchanged tag never does. */
    imageId: pulumi.Input<string>;
    envs?: pulumi.Input<string[]>;
    uploads: docker.types.input.ContainerUpload[];
    volumes: docker.types.input.ContainerVolume[];
    tmpfs?: Record<string, string>;
    readOnlyRoot: boolean;
    /** The networks the container joins and its names on each (an app's or a job's reach, allow-networks.ts); none for a sidecar, which shares its app container's. */
    networks?: docker.types.input.ContainerNetworksAdvanced[];
}

/** A replica's container name: unique on the Docker host, as the network name is. */
export function replicaName(app: AppModel, index: number): string {
    return `${app.network.name}-${app.name}-${index}`;
}

/** What every container berth runs has: its image, command, env, files, mounts, labels, security settings and limits. */
// The image comes by id in parts (pulled or built), so an app that builds its image passes too.
export function containerBase(spec: Omit<ContainerSpecModel, "image">, labels: StringMap, parts: ContainerParts): docker.ContainerArgs {
    return {
        image: parts.imageId,
        entrypoints: spec.command,
        command: spec.args,
        envs: parts.envs,
        labels: dockerLabels(labels),
        networksAdvanced: parts.networks,
        // Empty lists are left out: the provider reads them back as absent, which would show as a diff.
        uploads: nonEmpty(parts.uploads),
        tmpfs: parts.tmpfs,
        volumes: nonEmpty(parts.volumes),
        ...dockerSecurity(spec.security, parts.readOnlyRoot),
        ...dockerResources(spec.resources),
    };
}

/** The container of one replica, reachable by the app's name on the networks its reach gives it. */
export function replicaContainer(app: AppModel, index: number, parts: ContainerParts): docker.ContainerArgs {
    return {
        ...containerBase(app, appLabels(app), parts),
        name: replicaName(app, index),
        ports: nonEmpty(publishedPorts(app.ports)),
        healthcheck: app.healthCheck ? dockerHealthcheck(app.healthCheck) : undefined,
        wait: app.healthCheck !== undefined,
        waitTimeout: app.healthCheck ? app.healthyTimeoutSeconds : undefined,
        restart: restartPolicies[app.restartPolicy],
    };
}

/**
 * Resource options of every container berth makes. A container's name is
 * fixed by the program, so a replacement removes the old container before it
 * creates the new one (the plugin's default too, written here so no provider
 * build can change it): a stateful app's new container never starts while the
 * old one still writes the volume.
 */
export function containerOptions(parent: pulumi.Resource, secretOutputs: string[] | undefined, dependsOn: pulumi.Resource[] = []): pulumi.CustomResourceOptions {
    return { parent, additionalSecretOutputs: secretOutputs, deleteBeforeReplace: true, dependsOn: nonEmpty(dependsOn) };
}

/**
 * The container inputs and outputs that hold a secret, declared as well as
 * carried: a policy pack sees values with their secret markers removed
 * (@pulumi/policy unwraps them), but it sees the resource's
 * additionalSecretOutputs. A run-to-completion container's log may print
 * anything, so it is kept secret in state too.
 */
export function secretOutputs(envHoldsSecret: boolean, uploadsHoldSecret: boolean, keepsLogs = false): string[] | undefined {
    return nonEmpty([...(envHoldsSecret ? ["envs"] : []), ...(uploadsHoldSecret ? ["uploads"] : []), ...(keepsLogs ? ["containerLogs"] : [])]);
}
