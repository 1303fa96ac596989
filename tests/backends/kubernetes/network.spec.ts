import * as assert from "assert";
import { defaultDenySpec, internalEgressSpec } from "../../../components/backends/kubernetes/network";

describe("Kubernetes builder: the network's policies", () => {
    it("denies all ingress to every pod of the namespace", () => {
        assert.deepStrictEqual(defaultDenySpec(), { podSelector: {}, policyTypes: ["Ingress"] });
    });

    it("lets an internal network's pods reach only the namespace and the cluster DNS", () => {
        const spec = internalEgressSpec();
        assert.deepStrictEqual(spec.policyTypes, ["Egress"]);
        assert.deepStrictEqual(spec.egress, [
            { to: [{ podSelector: {} }] },
            {
                to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
                ports: [
                    { protocol: "UDP", port: 53 },
                    { protocol: "TCP", port: 53 },
                ],
            },
        ]);
    });
});
