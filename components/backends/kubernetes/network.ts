import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { NetworkSettings } from "../../model/network";
import { networkLabels } from "../labels";
import { objectAnnotations, objectMetadata } from "./metadata";

type NetworkPolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;

/**
 * An AppNetwork on Kubernetes: a namespace (created, or an existing one
 * adopted), a default-deny ingress NetworkPolicy, and for an internal network
 * an egress policy that only lets pods reach the namespace and cluster DNS.
 * Returns the namespace name as an output of whatever creates it.
 */
export function renderKubernetesNetwork(network: NetworkSettings, parent: pulumi.Resource): pulumi.Output<string> {
    const labels = networkLabels(network.name, network.labels);
    const namespace = network.createNamespace
        ? new k8s.core.v1.Namespace(network.name, { metadata: { name: network.name, labels, annotations: objectAnnotations(network.skipAwait) } }, { parent })
              .metadata.name
        : pulumi.output(network.name);
    if (network.defaultDenyIngress) {
        const metadata = objectMetadata("default-deny-ingress", namespace, labels, network.skipAwait);
        new k8s.networking.v1.NetworkPolicy(`${network.name}-default-deny`, { metadata, spec: defaultDenySpec() }, { parent });
    }
    if (network.internal) {
        const metadata = objectMetadata("internal-egress", namespace, labels, network.skipAwait);
        new k8s.networking.v1.NetworkPolicy(`${network.name}-internal`, { metadata, spec: internalEgressSpec() }, { parent });
    }
    return namespace;
}

/** Every pod of the namespace, no ingress rule: nothing gets in that an app's own policy does not allow. */
export function defaultDenySpec(): NetworkPolicySpec {
    return { podSelector: {}, policyTypes: ["Ingress"] };
}

/** Pods reach only the namespace's pods and the cluster DNS (kube-system, port 53). */
export function internalEgressSpec(): NetworkPolicySpec {
    return {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
            { to: [{ podSelector: {} }] },
            {
                to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
                ports: [
                    { protocol: "UDP", port: 53 },
                    { protocol: "TCP", port: 53 },
                ],
            },
        ],
    };
}
