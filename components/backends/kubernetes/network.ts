import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { NetworkSettings, PodSecurityLevel } from "../../model/network";
import { StringMap, sortedMap } from "../../model/maps";
import { networkLabels } from "../labels";
import { objectAnnotations, objectMetadata } from "./metadata";
import { dnsEgressRule } from "./policy-peers";

type NetworkPolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;

/**
 * An AppNetwork on Kubernetes: a namespace (created with Pod Security
 * Admission labels, or an existing one adopted), a default-deny ingress
 * NetworkPolicy, a default-deny egress one when asked, and for an internal
 * network an egress policy that only lets pods reach the namespace and DNS.
 * Returns the namespace name as an output of whatever creates it.
 */
export function renderKubernetesNetwork(network: NetworkSettings, parent: pulumi.Resource): pulumi.Output<string> {
    const labels = networkLabels(network.name, network.labels);
    const namespace = network.createNamespace
        ? new k8s.core.v1.Namespace(
              network.name,
              { metadata: { name: network.name, labels: namespaceLabels(labels, network.podSecurity), annotations: objectAnnotations(network.skipAwait) } },
              { parent },
          ).metadata.name
        : pulumi.output(network.name);
    if (network.defaultDenyIngress) {
        const metadata = objectMetadata("default-deny-ingress", namespace, labels, network.skipAwait);
        new k8s.networking.v1.NetworkPolicy(`${network.name}-default-deny`, { metadata, spec: defaultDenySpec() }, { parent });
    }
    if (network.defaultDenyEgress) {
        const metadata = objectMetadata("default-deny-egress", namespace, labels, network.skipAwait);
        new k8s.networking.v1.NetworkPolicy(`${network.name}-default-deny-egress`, { metadata, spec: defaultDenyEgressSpec() }, { parent });
    } else if (network.internal) {
        // Under a default egress deny, the apps' own policies say where they may go (and never outside, on an internal network).
        const metadata = objectMetadata("internal-egress", namespace, labels, network.skipAwait);
        new k8s.networking.v1.NetworkPolicy(`${network.name}-internal`, { metadata, spec: internalEgressSpec() }, { parent });
    }
    return namespace;
}

/** The namespace's labels: the network's, and the Pod Security Admission level enforced, warned about and audited. */
export function namespaceLabels(labels: StringMap, podSecurity: PodSecurityLevel): StringMap {
    return sortedMap({
        ...labels,
        "pod-security.kubernetes.io/enforce": podSecurity,
        "pod-security.kubernetes.io/warn": podSecurity,
        "pod-security.kubernetes.io/audit": podSecurity,
    });
}

/** Every pod of the namespace, no ingress rule: nothing gets in that an app's own policy does not allow. */
export function defaultDenySpec(): NetworkPolicySpec {
    return { podSelector: {}, policyTypes: ["Ingress"] };
}

/** Every pod of the namespace reaches DNS and nothing else that an app's own egress policy does not allow. */
export function defaultDenyEgressSpec(): NetworkPolicySpec {
    return { podSelector: {}, policyTypes: ["Egress"], egress: [dnsEgressRule()] };
}

/** Pods reach only the namespace's pods and DNS. */
export function internalEgressSpec(): NetworkPolicySpec {
    return { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: {} }] }, dnsEgressRule()] };
}
