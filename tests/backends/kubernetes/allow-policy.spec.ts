import * as assert from "assert";
import { allowPolicySpec } from "../../../components/backends/kubernetes/allow-policy";
import { app, network } from "../models";

describe("Kubernetes builder: the app's allow policy", () => {
    it("lets the named apps' pods reach every port, and anyone the published and ingress ports", () => {
        const web = app({
            ports: [{ name: "http", port: 8080 }, { name: "admin", port: 9090 }, { name: "metrics", port: 9100, publish: 9100 }],
            ingress: { host: "shop.example.com", port: "http" },
            allowFrom: ["worker", "api"],
        });
        assert.deepStrictEqual(allowPolicySpec(web), {
            podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } },
            policyTypes: ["Ingress"],
            ingress: [
                {
                    from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "api" } } }, { podSelector: { matchLabels: { "app.kubernetes.io/name": "worker" } } }],
                    ports: [
                        { port: 8080, protocol: "TCP" },
                        { port: 9090, protocol: "TCP" },
                        { port: 9100, protocol: "TCP" },
                    ],
                },
                {
                    ports: [
                        { port: 8080, protocol: "TCP" },
                        { port: 9100, protocol: "TCP" },
                    ],
                },
            ],
        });
    });

    it("has no policy when nothing is allowed in, or when the network does not deny by default", () => {
        assert.strictEqual(allowPolicySpec(app({ ports: [{ port: 8080 }] })), undefined);
        assert.strictEqual(allowPolicySpec(app({ ports: [{ port: 8080, publish: 80 }] }, { network: network({ defaultDenyIngress: false }) })), undefined);
    });
});
