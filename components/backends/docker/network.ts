import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { networkLabels } from "../labels";
import { StringMap } from "../../model/maps";

/** Docker labels are a list of {label, value}; sorted so the list never reorders. */
export function dockerLabels(labels: StringMap): docker.types.input.NetworkLabel[] {
    return Object.keys(labels).sort().map((label) => ({ label, value: labels[label] }));
}

export interface DockerNetworkSpec {
    name: string;
    internal: boolean;
    labels: StringMap;
}

/** An AppNetwork on Docker: one user-defined bridge network; its DNS resolves app names to their containers. */
export function renderDockerNetwork(spec: DockerNetworkSpec, parent: pulumi.Resource): pulumi.Output<string> {
    const network = new docker.Network(
        spec.name,
        {
            name: spec.name,
            driver: "bridge",
            internal: spec.internal,
            labels: dockerLabels(networkLabels(spec.name, spec.labels)),
        },
        { parent },
    );
    return network.name;
}
