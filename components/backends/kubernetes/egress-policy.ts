import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { selectorLabels } from "../labels";
import { dnsEgressRule } from "./policy-peers";

type EgressRule = k8s.types.input.networking.v1.NetworkPolicyEgressRule;

/**
 * The NetworkPolicy `<app>-allow-egress` limiting where the app's pods may
 * connect: DNS, the apps its allowTo names (on any port: each one's own
 * policy says which ports it admits), and its outside destinations. Undefined
 * for an app without allowTo: it reaches anything, or, on a network that
 * denies egress, DNS alone through the network's policy.
 */
export function egressPolicySpec(app: AppModel): k8s.types.input.networking.v1.NetworkPolicySpec | undefined {
    const { apps, destinations } = app.egress;
    if (apps.length === 0 && destinations.length === 0) {
        return undefined;
    }
    const rules: EgressRule[] = [dnsEgressRule()];
    if (apps.length > 0) {
        rules.push({ to: apps.map((name) => ({ podSelector: { matchLabels: selectorLabels(name) } })) });
    }
    for (const destination of destinations) {
        rules.push({
            to: [{ ipBlock: { cidr: destination.cidr } }],
            ports: destination.port !== undefined ? [{ port: destination.port, protocol: destination.protocol.toUpperCase() }] : undefined,
        });
    }
    return { podSelector: { matchLabels: selectorLabels(app.name) }, policyTypes: ["Egress"], egress: rules };
}
