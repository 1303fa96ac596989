import * as assert from "assert";
import { clusterServiceSpec, publicServiceSpec } from "../../../components/backends/kubernetes/services";
import { app } from "../models";

describe("Kubernetes builder: Services", () => {
    it("has no Service for an app without ports", () => {
        assert.strictEqual(clusterServiceSpec(app()), undefined);
        assert.strictEqual(publicServiceSpec(app()), undefined);
    });

    it("serves every port on the cluster Service, named, to the same container port", () => {
        assert.deepStrictEqual(clusterServiceSpec(app({ ports: [{ name: "http", port: 8080, publish: 80 }, { port: 9090 }] })), {
            type: "ClusterIP",
            selector: { "app.kubernetes.io/name": "web" },
            ports: [
                { name: "http", port: 8080, targetPort: 8080, protocol: "TCP" },
                { name: "port-9090", port: 9090, targetPort: 9090, protocol: "TCP" },
            ],
        });
    });

    it("exposes an app behind an ingress through the ingress only, unless it asks for a public Service", () => {
        const ports = [{ name: "http", port: 8080, publish: 80 }];
        const ingress = { host: "shop.example.com", port: "http" };
        assert.strictEqual(publicServiceSpec(app({ ports, ingress })), undefined);
        assert.strictEqual(publicServiceSpec(app({ ports, ingress, publishAs: "LoadBalancer" }))?.type, "LoadBalancer");
        assert.strictEqual(publicServiceSpec(app({ ports, publishAs: "none" })), undefined);
    });

    it("exposes the published ports on a NodePort Service when asked", () => {
        assert.deepStrictEqual(publicServiceSpec(app({ ports: [{ name: "http", port: 8080, publish: 80 }], publishAs: "NodePort" })), {
            type: "NodePort",
            selector: { "app.kubernetes.io/name": "web" },
            ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }],
        });
    });

    it("serves only the published ports on the LoadBalancer Service, on their published number", () => {
        assert.deepStrictEqual(publicServiceSpec(app({ ports: [{ name: "http", port: 8080, publish: 80 }, { port: 9090 }] })), {
            type: "LoadBalancer",
            selector: { "app.kubernetes.io/name": "web" },
            ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }],
        });
    });
});
