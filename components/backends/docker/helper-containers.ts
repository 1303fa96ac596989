import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { StringMap } from "../../model/maps";
import { HelperContainerModel } from "../../model/workload";
import { ContainerParts, containerBase } from "./container";
import { runToCompletion } from "./run-outcome";

/*
 * Init containers and sidecars on Docker, which has no pods: containers of
 * their own, named after the container they serve (`<container>.<helper>`; a
 * dot no app or job name has, so no name of theirs can clash with another's).
 * An init container joins that container's networks and runs to completion
 * before that container is created. A sidecar joins that container's network namespace,
 * so both reach each other on localhost and others reach it by the app's
 * name, and it is replaced whenever that container is.
 */

/** `<owner container>.<helper>`. */
export function helperName(ownerContainer: string, helper: HelperContainerModel): string {
    return `${ownerContainer}.${helper.name}`;
}

/** An init container: on the networks of the container it serves (`parts.networks`), run to completion. */
export function initContainer(helper: HelperContainerModel, ownerContainer: string, labels: StringMap, parts: ContainerParts): docker.ContainerArgs {
    return {
        ...containerBase(helper, labels, parts),
        ...runToCompletion,
        name: helperName(ownerContainer, helper),
    };
}

/** A sidecar: in the network namespace of the container with id `ownerId`, restarted as it is. */
export function sidecarContainer(helper: HelperContainerModel, ownerContainer: string, ownerId: pulumi.Input<string>, restart: string, labels: StringMap, parts: ContainerParts): docker.ContainerArgs {
    return {
        ...containerBase(helper, labels, parts),
        name: helperName(ownerContainer, helper),
        networkMode: pulumi.interpolate`container:${ownerId}`,
        restart,
    };
}
