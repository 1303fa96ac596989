import * as assert from "assert";
import { headlessServiceName, headlessServiceSpec, statefulSetSpec } from "../../../components/backends/kubernetes/stateful-set";
import { app } from "../models";

describe("Kubernetes builder: the StatefulSet", () => {
    const template = { metadata: { labels: { "app.kubernetes.io/name": "db" } } };
    const db = app({ ports: [{ name: "pg", port: 5432 }], volumes: [{ name: "data", mountPath: "/data", persistent: true, size: "2Gi" }, { name: "tmp2", mountPath: "/x" }] }, { name: "db" });

    it("is governed by the headless Service, selects the app's pods, and keeps the claims when replaced or scaled down", () => {
        const spec = statefulSetSpec(db, 2, template);
        assert.strictEqual(spec.replicas, 2);
        assert.strictEqual(spec.serviceName, "db-headless");
        assert.strictEqual(headlessServiceName("db"), "db-headless");
        assert.deepStrictEqual(spec.selector, { matchLabels: { "app.kubernetes.io/name": "db" } });
        assert.deepStrictEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
        assert.deepStrictEqual((spec.volumeClaimTemplates as Array<{ metadata: { name: string } }>).map((t) => t.metadata.name), ["volume-data"], "one template per persistent volume");
    });

    it("leaves the replica count to an autoscaler when it owns it", () => {
        assert.strictEqual(statefulSetSpec(db, undefined, template).replicas, undefined);
    });

    it("a headless Service resolves every replica, ready or not, on the app's ports (or none)", () => {
        assert.deepStrictEqual(headlessServiceSpec(db), {
            clusterIP: "None",
            selector: { "app.kubernetes.io/name": "db" },
            publishNotReadyAddresses: true,
            ports: [{ name: "pg", port: 5432, targetPort: 5432, protocol: "TCP" }],
        });
        assert.strictEqual(headlessServiceSpec(app({ volumes: [{ name: "data", mountPath: "/data", persistent: true }] })).ports, undefined);
    });
});
