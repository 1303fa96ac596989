import * as assert from "assert";
import { ingressSpec, ingressUrl } from "../../../components/backends/kubernetes/ingress";
import { IngressModel } from "../../../components/model/app";
import { app } from "../models";

function ingressOf(args: Record<string, unknown>): IngressModel {
    const model = app({ ports: [{ name: "http", port: 8080 }], ingress: { port: "http", ...args } }).ingress;
    assert.ok(model, "the app has an ingress");
    return model;
}

describe("Kubernetes builder: the Ingress", () => {
    it("routes the host and path prefix to the named port of the app's Service", () => {
        assert.deepStrictEqual(ingressSpec("web", ingressOf({ host: "shop.example.com", className: "nginx" })), {
            ingressClassName: "nginx",
            tls: undefined,
            rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } }],
        });
    });

    it("covers the host with TLS when a Secret is named, and the URL is https then", () => {
        const ingress = ingressOf({ host: "shop.example.com", path: "/shop", tlsSecretName: "shop-tls" });
        assert.deepStrictEqual(ingressSpec("web", ingress).tls, [{ hosts: ["shop.example.com"], secretName: "shop-tls" }]);
        assert.strictEqual(ingressUrl(ingress), "https://shop.example.com/shop");
        assert.strictEqual(ingressUrl(ingressOf({ host: "shop.example.com" })), "http://shop.example.com/");
    });
});
