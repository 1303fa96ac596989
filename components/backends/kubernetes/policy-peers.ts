import * as k8s from "@pulumi/kubernetes";

type EgressRule = k8s.types.input.networking.v1.NetworkPolicyEgressRule;

/* What berth's NetworkPolicies name as the other end of a connection. */

/** A namespace by its name, through the label the API server sets on every namespace. */
export function namespaceSelector(namespace: string): k8s.types.input.meta.v1.LabelSelector {
    return { matchLabels: { "kubernetes.io/metadata.name": namespace } };
}

/**
 * DNS, which every egress policy allows: port 53 to any address, since the
 * cluster's DNS may answer from pods in kube-system, a node-local cache or the
 * node itself, and a policy cannot name the last two by namespace.
 */
export function dnsEgressRule(): EgressRule {
    return {
        ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
        ],
    };
}
