import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { networkLabels } from "../labels";
import { StringMap } from "../../model/maps";
import { objectAnnotations, objectMetadata } from "./metadata";

export interface KubernetesNetworkSpec {
    name: string;
    internal: boolean;
    createNamespace: boolean;
    defaultDenyIngress: boolean;
    labels: StringMap;
    skipAwait: boolean;
}

/**
 * An AppNetwork on Kubernetes: a namespace (created, or an existing one
 * adopted), a default-deny ingress NetworkPolicy, and for an internal network
 * an egress policy that only lets pods reach the namespace and cluster DNS.
 * Returns the namespace name as an output of whatever creates it.
 */
export function renderKubernetesNetwork(spec: KubernetesNetworkSpec, parent: pulumi.Resource): pulumi.Output<string> {
    const labels = networkLabels(spec.name, spec.labels);
    let namespace: pulumi.Output<string>;
    if (spec.createNamespace) {
        const created = new k8s.core.v1.Namespace(
            spec.name,
            { metadata: { name: spec.name, labels, annotations: objectAnnotations(spec.skipAwait) } },
            { parent },
        );
        namespace = created.metadata.name;
    } else {
        namespace = pulumi.output(spec.name);
    }

    if (spec.defaultDenyIngress) {
        new k8s.networking.v1.NetworkPolicy(
            `${spec.name}-default-deny`,
            {
                metadata: objectMetadata("default-deny-ingress", namespace, labels, spec.skipAwait),
                spec: { podSelector: {}, policyTypes: ["Ingress"] },
            },
            { parent },
        );
    }

    if (spec.internal) {
        new k8s.networking.v1.NetworkPolicy(
            `${spec.name}-internal`,
            {
                metadata: objectMetadata("internal-egress", namespace, labels, spec.skipAwait),
                spec: {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [
                        { to: [{ podSelector: {} }] },
                        {
                            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
                            ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
                        },
                    ],
                },
            },
            { parent },
        );
    }
    return namespace;
}
