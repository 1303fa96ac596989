import * as assert from "assert";
import { tmpfsMounts } from "../../../components/backends/docker/tmpfs";
import { app } from "../models";

describe("Docker builder: tmpfs mounts", () => {
    it("gives a read-only root a small, non-executable /tmp", () => {
        assert.deepStrictEqual(tmpfsMounts(app().security, []), { "/tmp": "rw,noexec,nosuid,size=64m" });
    });

    it("backs each ephemeral volume it is given with a tmpfs, read-only when asked", () => {
        const web = app({
            security: { readOnlyRootFilesystem: false },
            volumes: [
                { name: "cache", mountPath: "/cache" },
                { name: "seed", mountPath: "/seed", readOnly: true },
            ],
        });
        assert.deepStrictEqual(tmpfsMounts(web.security, web.volumes), { "/cache": "rw,nosuid", "/seed": "ro" });
    });

    it("is left out when there is none", () => {
        assert.strictEqual(tmpfsMounts(app({ security: { readOnlyRootFilesystem: false } }).security, []), undefined);
    });
});
