import * as k8s from "@pulumi/kubernetes";
import { AppModel, PortModel } from "../../model/app";
import { selectorLabels } from "../labels";
import { namespaceSelector } from "./policy-peers";

type IngressRule = k8s.types.input.networking.v1.NetworkPolicyIngressRule;

/**
 * The NetworkPolicy letting allowed traffic through the namespace's default
 * deny: named apps on all ports; anyone on the ports a public Service
 * exposes; the ingress controller's namespace alone on the ingress port, so
 * nothing else in the cluster reaches the app around the ingress and its TLS.
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
            ports: policyPorts(app.ports),
        });
    }
    const exposed = app.publishAs === "none" ? [] : app.ports.filter((p) => p.publish !== undefined);
    if (exposed.length > 0) {
        // No `from`: a load balancer or a node port brings traffic from outside the cluster.
        rules.push({ ports: policyPorts(exposed) });
    }
    const behindIngress = app.ingress ? app.ports.filter((p) => p.name === app.ingress?.portName && !exposed.includes(p)) : [];
    if (app.ingress && behindIngress.length > 0) {
        rules.push({ from: [{ namespaceSelector: namespaceSelector(app.ingress.controllerNamespace) }], ports: policyPorts(behindIngress) });
    }
    return rules;
}

function policyPorts(ports: PortModel[]) {
    return ports.map((p) => ({ port: p.port, protocol: p.protocol.toUpperCase() }));
}
