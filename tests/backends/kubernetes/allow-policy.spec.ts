import * as assert from "assert";
import { allowPolicySpec } from "../../../components/backends/kubernetes/allow-policy";
import { app, network } from "../models";

const podsOf = (name: string) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name } } });
const namespace = (name: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } });

describe("Kubernetes builder: the app's allow policy", () => {
    it("lets the named apps' pods reach every port, anyone the published ports, and the ingress controller alone the ingress port", () => {
        const web = app({
            ports: [{ name: "http", port: 8080 }, { name: "admin", port: 9090 }, { name: "metrics", port: 9100, publish: 9100 }],
            ingress: { host: "shop.example.com", port: "http", controllerNamespace: "traefik" },
            publishAs: "NodePort",
            allowFrom: ["worker", "api"],
        });
        assert.deepStrictEqual(allowPolicySpec(web), {
            podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } },
            policyTypes: ["Ingress"],
            ingress: [
                {
                    from: [podsOf("api"), podsOf("worker")],
                    ports: [
                        { port: 8080, protocol: "TCP" },
                        { port: 9090, protocol: "TCP" },
                        { port: 9100, protocol: "TCP" },
                    ],
                },
                { ports: [{ port: 9100, protocol: "TCP" }] },
                { from: [namespace("traefik")], ports: [{ port: 8080, protocol: "TCP" }] },
            ],
        });
    });

    it("offers no plain path around the ingress: a published port behind an ingress admits only the controller (ingress-nginx by default)", () => {
        const web = app({ ports: [{ name: "http", port: 8080, publish: 8080 }], ingress: { host: "shop.example.com", port: "http", tlsSecretName: "shop-tls" } });
        assert.deepStrictEqual(allowPolicySpec(web)?.ingress, [{ from: [namespace("ingress-nginx")], ports: [{ port: 8080, protocol: "TCP" }] }]);
    });

    it("admits anyone on the ingress port when the program also exposes it on a public Service", () => {
        const web = app({ ports: [{ name: "http", port: 8080, publish: 8080 }], ingress: { host: "shop.example.com", port: "http" }, publishAs: "LoadBalancer" });
        assert.deepStrictEqual(allowPolicySpec(web)?.ingress, [{ ports: [{ port: 8080, protocol: "TCP" }] }]);
    });

    it("has no policy when nothing is allowed in, or when the network does not deny by default", () => {
        assert.strictEqual(allowPolicySpec(app({ ports: [{ port: 8080 }] })), undefined);
        assert.strictEqual(allowPolicySpec(app({ ports: [{ port: 8080, publish: 80 }], publishAs: "none" })), undefined);
        assert.strictEqual(allowPolicySpec(app({ ports: [{ port: 8080, publish: 80 }] }, { network: network({ defaultDenyIngress: false }) })), undefined);
    });
});
