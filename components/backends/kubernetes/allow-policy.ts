import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { selectorLabels } from "../labels";

type IngressRule = k8s.types.input.networking.v1.NetworkPolicyIngressRule;

/**
 * The NetworkPolicy letting allowed traffic through the namespace's default
 * deny: named apps on all ports; anyone on published and ingress ports.
 * Undefined when the network does not deny by default, or nothing is allowed.
 */
export function allowPolicySpec(app: AppModel): k8s.types.input.networking.v1.NetworkPolicySpec | undefined {
    const rules = allowRules(app);
    if (!app.network.defaultDenyIngress || rules.length === 0) {
        return undefined;
    }
    return { podSelector: { matchLabels: selectorLabels(app.name) }, policyTypes: ["Ingress"], ingress: rules };
}

function allowRules(app: AppModel): IngressRule[] {
    const rules: IngressRule[] = [];
    if (app.allowFrom.length > 0 && app.ports.length > 0) {
        rules.push({
            from: [...app.allowFrom].sort().map((name) => ({ podSelector: { matchLabels: selectorLabels(name) } })),
            ports: app.ports.map((p) => ({ port: p.port, protocol: p.protocol.toUpperCase() })),
        });
    }
    const open = app.ports.filter((p) => p.publish !== undefined || p.name === app.ingress?.portName);
    if (open.length > 0) {
        // No `from`: traffic from a load balancer or an ingress controller comes from outside the namespace.
        rules.push({ ports: open.map((p) => ({ port: p.port, protocol: p.protocol.toUpperCase() })) });
    }
    return rules;
}
