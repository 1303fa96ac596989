import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { AppModel, RestartPolicy } from "../../model/app";
import { appLabels } from "../labels";
import { nonEmpty } from "../non-empty";
import { dockerHealthcheck } from "./healthcheck";
import { dockerLabels } from "./label-list";
import { dockerResources } from "./limits";
import { publishedPorts } from "./ports";
import { dockerSecurity } from "./security";
import { tmpfsMounts } from "./tmpfs";

/** Docker's restart policies for berth's. */
const restartPolicies: Record<RestartPolicy, string> = {
    always: "unless-stopped",
    "on-failure": "on-failure",
    never: "no",
};

/** What every replica's container shares, made once per app. */
export interface ReplicaParts {
    /** The image's id, so a retag shows as a change and an unchanged tag never does. */
    imageId: pulumi.Input<string>;
    envs?: pulumi.Input<string[]>;
    uploads: docker.types.input.ContainerUpload[];
    volumes: docker.types.input.ContainerVolume[];
    readOnlyRoot: boolean;
    /** The networks the app joins and its names on each (allow-networks.ts). */
    networks: docker.types.input.ContainerNetworksAdvanced[];
}

/** A replica's container name: unique on the Docker host, as the network name is. */
export function replicaName(app: AppModel, index: number): string {
    return `${app.network.name}-${app.name}-${index}`;
}

/** The container of one replica, reachable by the app's name on the networks its reach gives it. */
export function replicaContainer(app: AppModel, index: number, parts: ReplicaParts): docker.ContainerArgs {
    return {
        name: replicaName(app, index),
        image: parts.imageId,
        entrypoints: app.command,
        command: app.args,
        envs: parts.envs,
        labels: dockerLabels(appLabels(app)),
        networksAdvanced: parts.networks,
        // Empty lists are left out: the provider reads them back as absent, which would show as a diff.
        ports: nonEmpty(publishedPorts(app.ports)),
        uploads: nonEmpty(parts.uploads),
        tmpfs: tmpfsMounts(app),
        volumes: nonEmpty(parts.volumes),
        healthcheck: app.healthCheck ? dockerHealthcheck(app.healthCheck) : undefined,
        wait: app.healthCheck !== undefined,
        waitTimeout: app.healthCheck ? app.healthyTimeoutSeconds : undefined,
        restart: restartPolicies[app.restartPolicy],
        ...dockerSecurity(app.security, parts.readOnlyRoot),
        ...dockerResources(app.resources),
    };
}

/**
 * The container inputs that hold a secret, declared as well as carried: a
 * policy pack sees values with their secret markers removed (@pulumi/policy
 * unwraps them), but it sees the resource's additionalSecretOutputs.
 */
export function secretOutputs(envHoldsSecret: boolean, uploadsHoldSecret: boolean): string[] | undefined {
    return nonEmpty([...(envHoldsSecret ? ["envs"] : []), ...(uploadsHoldSecret ? ["uploads"] : [])]);
}
