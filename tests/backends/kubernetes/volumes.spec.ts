import * as assert from "assert";
import { appVolumes, claimSpec, configVolumes, podVolumes, scratchVolume } from "../../../components/backends/kubernetes/volumes";
import { app, config } from "../models";

describe("Kubernetes builder: volumes", () => {
    it("mounts each config with a mountPath read-only, a projected volume named after its position", () => {
        const web = app({
            configs: [
                { config: { configModel: config("env-only") } },
                { config: { configModel: config("web-config") }, mountPath: "/etc/web" },
            ],
        });
        const sources = (name: string) => [{ configMap: { name, items: [{ key: "app.yaml", path: "app.yaml" }] } }];
        assert.deepStrictEqual(configVolumes(web.configs, (mount) => sources(mount.config.name)), {
            volumes: [{ name: "config-1", projected: { sources: sources("web-config") } }],
            mounts: [{ name: "config-1", mountPath: "/etc/web", readOnly: true }],
        });
    });

    it("gives a read-only root a writable /tmp, and nothing otherwise", () => {
        assert.deepStrictEqual(scratchVolume(app().security), { volumes: [{ name: "tmp", emptyDir: {} }], mounts: [{ name: "tmp", mountPath: "/tmp" }] });
        assert.deepStrictEqual(scratchVolume(app({ security: { readOnlyRootFilesystem: false } }).security), { volumes: [], mounts: [] });
    });

    it("backs an ephemeral volume with an emptyDir and a persistent one with its claim", () => {
        const web = app({
            volumes: [
                { name: "cache", mountPath: "/cache" },
                { name: "data", mountPath: "/data", persistent: true, readOnly: true },
            ],
        });
        assert.deepStrictEqual(appVolumes(web.volumes, { data: "web-data" }), {
            volumes: [
                { name: "volume-cache", emptyDir: {} },
                { name: "volume-data", persistentVolumeClaim: { claimName: "web-data" } },
            ],
            mounts: [
                { name: "volume-cache", mountPath: "/cache", readOnly: undefined },
                { name: "volume-data", mountPath: "/data", readOnly: true },
            ],
        });
    });

    it("claims a persistent volume's size for one node", () => {
        const [data] = app({ volumes: [{ name: "data", mountPath: "/data", persistent: true, size: "2048Mi" }] }).volumes;
        assert.deepStrictEqual(claimSpec(data), { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "2Gi" } } });
    });

    it("keeps the parts' order, volumes and mounts alike", () => {
        const one = { volumes: [{ name: "a" }], mounts: [{ name: "a", mountPath: "/a" }] };
        const two = { volumes: [{ name: "b" }], mounts: [{ name: "b", mountPath: "/b" }] };
        assert.deepStrictEqual(podVolumes(one, two), { volumes: [{ name: "a" }, { name: "b" }], mounts: [one.mounts[0], two.mounts[0]] });
    });
});
