import * as assert from "assert";
import { appVolumes, claimSpec, claimTemplates, configVolumes, containerMounts, helperMounts, podVolumes, scratchVolume } from "../../../components/backends/kubernetes/volumes";
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
        assert.deepStrictEqual(configVolumes(web.configs, (mount) => sources(mount.config.name), (index) => `config-metrics-${index}`).mounts, [{ name: "config-metrics-1", mountPath: "/etc/web", readOnly: true }]);
    });

    it("gives a read-only root a writable /tmp, and nothing otherwise", () => {
        assert.deepStrictEqual(scratchVolume(app().security), { volumes: [{ name: "tmp", emptyDir: {} }], mounts: [{ name: "tmp", mountPath: "/tmp" }] });
        assert.deepStrictEqual(scratchVolume(app({ security: { readOnlyRootFilesystem: false } }).security), { volumes: [], mounts: [] });
    });

    it("backs an ephemeral volume with an emptyDir and leaves a persistent one to the StatefulSet's claim template", () => {
        const web = app({
            volumes: [
                { name: "cache", mountPath: "/cache" },
                { name: "data", mountPath: "/data", persistent: true, readOnly: true },
            ],
        });
        assert.deepStrictEqual(appVolumes(web.volumes), {
            volumes: [{ name: "volume-cache", emptyDir: {} }],
            mounts: [
                { name: "volume-cache", mountPath: "/cache", readOnly: undefined },
                { name: "volume-data", mountPath: "/data", readOnly: true },
            ],
        });
    });

    it("gives each persistent volume a claim template of the pod volume's name, under the app's labels", () => {
        const web = app({ volumes: [{ name: "cache", mountPath: "/cache" }, { name: "data", mountPath: "/data", persistent: true, size: "5Gi" }] });
        assert.deepStrictEqual(claimTemplates(web.volumes, { team: "shop" }), [
            { metadata: { name: "volume-data", labels: { team: "shop" } }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } } },
        ]);
    });

    it("mounts the workload's volumes into a helper by name, at the helper's own path", () => {
        assert.deepStrictEqual(helperMounts([{ volume: "shared", mountPath: "/in", readOnly: true }, { volume: "data", mountPath: "/data", readOnly: false }]), [
            { name: "volume-shared", mountPath: "/in", readOnly: true },
            { name: "volume-data", mountPath: "/data", readOnly: undefined },
        ]);
    });

    it("claims a persistent volume's size for one node", () => {
        const [data] = app({ volumes: [{ name: "data", mountPath: "/data", persistent: true, size: "2048Mi" }] }).volumes;
        assert.deepStrictEqual(claimSpec(data), { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "2Gi" } } });
    });

    it("lists the pod's volumes once each, in order, and a container's mounts in order", () => {
        const one = { volumes: [{ name: "a" }, { name: "tmp" }], mounts: [{ name: "a", mountPath: "/a" }] };
        const two = { volumes: [{ name: "b" }, { name: "tmp" }], mounts: [{ name: "b", mountPath: "/b" }] };
        assert.deepStrictEqual(podVolumes(one, two), [{ name: "a" }, { name: "tmp" }, { name: "b" }]);
        assert.deepStrictEqual(containerMounts(one, two), [one.mounts[0], two.mounts[0]]);
    });
});
