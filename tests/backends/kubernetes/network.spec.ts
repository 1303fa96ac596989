import * as assert from "assert";
import { defaultDenyEgressSpec, defaultDenySpec, internalEgressSpec, namespaceLabels } from "../../../components/backends/kubernetes/network";

const dns = { ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] };

describe("Kubernetes builder: the network's namespace and policies", () => {
    it("denies all ingress to every pod of the namespace", () => {
        assert.deepStrictEqual(defaultDenySpec(), { podSelector: {}, policyTypes: ["Ingress"] });
    });

    it("denies all egress but DNS to every pod of a namespace that denies egress by default", () => {
        assert.deepStrictEqual(defaultDenyEgressSpec(), { podSelector: {}, policyTypes: ["Egress"], egress: [dns] });
    });

    it("lets an internal network's pods reach only the namespace and DNS", () => {
        assert.deepStrictEqual(internalEgressSpec(), { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: {} }] }, dns] });
    });

    it("labels the namespace with the Pod Security level it enforces, warns about and audits, beside the network's labels", () => {
        assert.deepStrictEqual(namespaceLabels({ team: "shop" }, "restricted"), {
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/warn": "restricted",
            team: "shop",
        });
        assert.strictEqual(namespaceLabels({}, "privileged")["pod-security.kubernetes.io/enforce"], "privileged");
    });
});
