import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { NetworkSettings } from "../../model/network";
import { networkLabels } from "../labels";
import { dockerLabels } from "./label-list";

/**
 * An AppNetwork on Docker: one user-defined bridge network. Under the default deny it carries no traffic
 * between containers (ICC off): apps meet on the allow networks of reach.ts, and use this one for outside
 * access and published ports. Otherwise its DNS resolves app names to their containers.
 */
export function renderDockerNetwork(network: NetworkSettings, parent: pulumi.Resource): pulumi.Output<string> {
    return new docker.Network(network.name, networkArgs(network), { parent }).name;
}

/** A bridge network, internal (no outside access) when asked, with no traffic between containers under the default deny. */
export function networkArgs(network: NetworkSettings): docker.NetworkArgs {
    return {
        name: network.name,
        driver: "bridge",
        internal: network.internal,
        options: network.defaultDenyIngress ? { "com.docker.network.bridge.enable_icc": "false" } : undefined,
        labels: dockerLabels(networkLabels(network.name, network.labels)),
    };
}
