import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import type { ContainerAppSpec } from "../../args/container-app";
import { AppModel } from "../../model/app";
import { JobModel } from "../../model/job";
import { NetworkSettings } from "../../model/network";
import { rulesFor } from "../../validation/rules";
import { AppContext } from "../backend";
import { appLabels } from "../labels";
import { dockerLabels } from "./label-list";
import { allowNetworkName, appReach, Reach, Reacher } from "./reach";

/*
 * The apps of each Docker network, and the allow networks they answer on. An
 * app's containers join the allow networks of the apps that let it in, which
 * it only knows once every app of the program is declared: apps are recorded
 * when they are constructed and work out their networks when they render
 * (after the program's synchronous part). Each allow network is created once,
 * as a child of the app it leads to, by whichever app needs it first.
 */

interface NetworkApps {
    /** The apps declared on the network, in order, each with its component. */
    apps: { model: AppModel; parent: pulumi.Resource }[];
    /** The allow network of each app that has one, once created. */
    allowNetworks: Map<string, pulumi.Output<string>>;
    /** Apps that have already worked out their networks. */
    placed: Set<string>;
}

const networks = new WeakMap<NetworkSettings, NetworkApps>();

function appsOf(network: NetworkSettings): NetworkApps {
    let found = networks.get(network);
    if (!found) {
        found = { apps: [], allowNetworks: new Map(), placed: new Set() };
        networks.set(network, found);
    }
    return found;
}

/** Records a valid app of a network (when it is constructed). */
export function declareDockerApp(app: AppModel, parent: pulumi.Resource): void {
    appsOf(app.network).apps.push({ model: app, parent });
}

/** The networks an app (or a job) joins, as the provider takes them, and what Docker cannot honour of its egress. */
export function placeDockerApp(app: Reacher): { networks: docker.types.input.ContainerNetworksAdvanced[]; reach: Reach } {
    const known = appsOf(app.network);
    known.placed.add(app.name);
    const reach = appReach(app, known.apps.map((a) => a.model));
    const networks = reach.attachments.map((attachment) => ({
        name: attachment.network === app.network.name ? app.network.ref : allowNetworkOf(known, attachment.network),
        aliases: attachment.aliases,
    }));
    return { networks, reach };
}

/**
 * The networks a job joins: those of the apps that let it in (allowFrom names
 * it), and the shared bridge when it may reach outside. A job has no ports
 * and no allowTo: under the network's default-deny egress it reaches no app.
 */
export function placeDockerJob(job: JobModel): { networks: docker.types.input.ContainerNetworksAdvanced[]; reach: Reach } {
    const restricted = job.network.defaultDenyEgress;
    return placeDockerApp({ kind: "ContainerJob", name: job.name, network: job.network, egress: { restricted, apps: [], destinations: [] }, allowFrom: [], ports: [] });
}

/** An allow network's name as an output of the resource that creates it (created on first use). */
function allowNetworkOf(known: NetworkApps, networkName: string): pulumi.Output<string> {
    const created = known.allowNetworks.get(networkName);
    if (created) {
        return created;
    }
    const owner = known.apps.find((a) => allowNetworkName(a.model.network.name, a.model.name) === networkName);
    if (!owner) {
        throw new Error(`no app of network answers on ${networkName}`);
    }
    const name = new docker.Network(`${owner.model.name}-allow`, allowNetworkArgs(owner.model), { parent: owner.parent }).name;
    known.allowNetworks.set(networkName, name);
    return name;
}

/** An app's allow network: internal (no outside access), under the app's labels. */
export function allowNetworkArgs(app: AppModel): docker.NetworkArgs {
    return { name: allowNetworkName(app.network.name, app.name), driver: "bridge", internal: true, labels: dockerLabels(appLabels(app)) };
}

const appRule = rulesFor<ContainerAppSpec, AppContext>();

/**
 * An app that lets in an app already deployed comes too late: that app's
 * containers were made without this one's allow network. Apps created in the
 * program's synchronous part are all known before any is deployed.
 */
export const allowedAppsNotYetDeployed = appRule(["allowFrom"], (app, { network }, findings) => {
    const placed = networks.get(network)?.placed;
    app.allowFrom.forEach((name, index) => {
        if (placed?.has(name)) {
            findings.problem(
                `app "${name}" was already deployed, so on Docker it cannot join this app's network; create this app in the program's synchronous part, as "${name}" was`,
                ["allowFrom", index],
            );
        }
    });
});
