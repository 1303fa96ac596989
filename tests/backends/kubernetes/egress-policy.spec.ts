import * as assert from "assert";
import { egressPolicySpec } from "../../../components/backends/kubernetes/egress-policy";
import { app, network } from "../models";

const dns = { ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] };

describe("Kubernetes builder: the app's egress policy", () => {
    it("lets the app reach DNS, the apps its allowTo names on any port, and each outside destination on its port", () => {
        const api = app({
            allowTo: [{ app: "cache" }, { cidr: "203.0.113.0/24", port: 443 }, { app: "auth" }, { cidr: "198.51.100.7/32" }, { cidr: "192.0.2.0/24", port: 53, protocol: "udp" }],
        });
        assert.deepStrictEqual(egressPolicySpec(api), {
            podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } },
            policyTypes: ["Egress"],
            egress: [
                dns,
                { to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "auth" } } }, { podSelector: { matchLabels: { "app.kubernetes.io/name": "cache" } } }] },
                { to: [{ ipBlock: { cidr: "192.0.2.0/24" } }], ports: [{ port: 53, protocol: "UDP" }] },
                { to: [{ ipBlock: { cidr: "198.51.100.7/32" } }], ports: undefined },
                { to: [{ ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ port: 443, protocol: "TCP" }] },
            ],
        });
    });

    it("has no policy for an app without allowTo: it reaches anything, or DNS alone under its network's default deny", () => {
        assert.strictEqual(egressPolicySpec(app()), undefined);
        const denied = app({}, { network: network({ defaultDenyEgress: true }) });
        assert.strictEqual(egressPolicySpec(denied), undefined);
        assert.strictEqual(denied.egress.restricted, true);
        assert.strictEqual(app().egress.restricted, false);
    });
});
