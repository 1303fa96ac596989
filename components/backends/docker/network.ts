import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { NetworkSettings } from "../../model/network";
import { networkLabels } from "../labels";
import { dockerLabels } from "./label-list";

/** An AppNetwork on Docker: one user-defined bridge network; its DNS resolves app names to their containers. */
export function renderDockerNetwork(network: NetworkSettings, parent: pulumi.Resource): pulumi.Output<string> {
    return new docker.Network(network.name, networkArgs(network), { parent }).name;
}

/** A bridge network, internal (no outside access) when asked, under the network's labels. */
export function networkArgs(network: NetworkSettings): docker.NetworkArgs {
    return { name: network.name, driver: "bridge", internal: network.internal, labels: dockerLabels(networkLabels(network.name, network.labels)) };
}
