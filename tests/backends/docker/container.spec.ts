import * as assert from "assert";
import { replicaContainer, replicaName, secretOutputs } from "../../../components/backends/docker/container";
import { app } from "../models";

describe("Docker builder: a replica's container", () => {
    const parts = { imageId: "sha256:abc", uploads: [], volumes: [], readOnlyRoot: true, networks: [{ name: "shop-to-web", aliases: ["web"] }] };

    it("is named after its network, app and index, and joins the networks it is given", () => {
        const web = app();
        const args = replicaContainer(web, 1, parts);
        assert.strictEqual(args.name, "shop-web-1");
        assert.strictEqual(replicaName(web, 1), "shop-web-1");
        assert.deepStrictEqual(args.networksAdvanced, [{ name: "shop-to-web", aliases: ["web"] }]);
        assert.strictEqual(args.image, "sha256:abc");
    });

    it("maps berth's restart policies to Docker's", () => {
        const restart = (restartPolicy: string) => replicaContainer(app({ restartPolicy }), 0, parts).restart;
        assert.deepStrictEqual([restart("always"), restart("on-failure"), restart("never")], ["unless-stopped", "on-failure", "no"]);
    });

    it("waits for a health check, up to the app's timeout, and not without one", () => {
        const checked = replicaContainer(app({ healthCheck: { tcp: { port: 1 } }, healthyTimeoutSeconds: 90 }), 0, parts);
        assert.deepStrictEqual([checked.wait, checked.waitTimeout], [true, 90]);
        const unchecked = replicaContainer(app(), 0, parts);
        assert.deepStrictEqual([unchecked.wait, unchecked.waitTimeout, unchecked.healthcheck], [false, undefined, undefined]);
    });

    it("leaves out empty lists, which the provider would read back as absent", () => {
        const args = replicaContainer(app(), 0, parts);
        assert.deepStrictEqual([args.ports, args.uploads, args.volumes, args.envs], [undefined, undefined, undefined, undefined]);
    });

    it("labels the container with the app's labels, sorted", () => {
        assert.deepStrictEqual(replicaContainer(app({ labels: { team: "shop" } }), 0, parts).labels, [
            { label: "app.kubernetes.io/managed-by", value: "berth" },
            { label: "app.kubernetes.io/name", value: "web" },
            { label: "app.kubernetes.io/part-of", value: "shop" },
            { label: "team", value: "shop" },
        ]);
    });

    it("declares the env list and uploads secret when they hold a secret", () => {
        assert.deepStrictEqual(secretOutputs(true, true), ["envs", "uploads"]);
        assert.deepStrictEqual(secretOutputs(false, true), ["uploads"]);
        assert.strictEqual(secretOutputs(false, false), undefined);
    });
});
