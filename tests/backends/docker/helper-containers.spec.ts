import * as assert from "assert";
import { helperName, initContainer, sidecarContainer } from "../../../components/backends/docker/helper-containers";
import { namedVolumeKey, namedVolumeName, namedVolumes } from "../../../components/backends/docker/named-volumes";
import { app, job } from "../models";

describe("Docker builder: init containers, sidecars and named volumes", () => {
    const web = app({
        volumes: [
            { name: "shared", mountPath: "/shared" },
            { name: "cache", mountPath: "/cache" },
            { name: "data", mountPath: "/data", persistent: true },
        ],
        initContainers: [{ name: "prepare", image: "t:1", args: ["go"], volumes: [{ name: "shared", mountPath: "/work" }] }],
        sidecars: [{ name: "metrics", image: "m:1", resources: { limits: { memory: "32Mi" } } }],
    });
    const [prepare] = web.initContainers;
    const [metrics] = web.sidecars;
    const parts = { imageId: "sha256:abc", uploads: [], volumes: [], readOnlyRoot: true };

    it("names a helper after the container it serves, with a dot no app or job name has", () => {
        assert.strictEqual(helperName("shop-web-0", prepare), "shop-web-0.prepare");
    });

    it("an init container joins the networks of the container it serves and runs to completion: waited for, its log kept, never restarted", () => {
        const args = initContainer(prepare, "shop-web-0", { team: "shop" }, { ...parts, networks: [{ name: "shop" }] });
        assert.strictEqual(args.name, "shop-web-0.prepare");
        assert.deepStrictEqual([args.attach, args.logs, args.mustRun, args.restart], [true, true, false, "no"]);
        assert.deepStrictEqual(args.networksAdvanced, [{ name: "shop" }]);
        assert.deepStrictEqual(args.command, ["go"]);
        assert.deepStrictEqual(args.labels, [{ label: "team", value: "shop" }]);
        assert.strictEqual(args.user, "65532:65532");
    });

    it("a sidecar joins the network namespace of the container it serves and restarts as that one does", () => {
        const args = sidecarContainer(metrics, "shop-web-0", "c0ffee", "unless-stopped", {}, parts);
        assert.strictEqual(args.name, "shop-web-0.metrics");
        assert.strictEqual(args.restart, "unless-stopped");
        assert.strictEqual(args.networksAdvanced, undefined);
        assert.strictEqual(args.memory, 32);
        assert.ok(args.networkMode !== undefined);
    });

    it("named volumes: the persistent ones, and the ephemeral ones a helper mounts too; one per replica", () => {
        assert.deepStrictEqual(namedVolumes(web, web.sidecars).map((v) => v.name), ["shared", "data"]);
        assert.deepStrictEqual(namedVolumes(app({ volumes: [{ name: "cache", mountPath: "/cache" }] })).map((v) => v.name), []);
        assert.deepStrictEqual(namedVolumes(job({ volumes: [{ name: "work", mountPath: "/w" }], initContainers: [{ name: "i", image: "i:1", volumes: [{ name: "work", mountPath: "/w" }] }] })).map((v) => v.name), ["work"]);
        assert.strictEqual(namedVolumeKey("web", "data", 1), "web-data-1");
        assert.strictEqual(namedVolumeName("shop", "web", "data", 1), "shop-web-data-1");
    });
});
