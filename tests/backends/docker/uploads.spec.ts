import * as assert from "assert";
import { configUploads } from "../../../components/backends/docker/uploads";
import { contents } from "../models";

describe("Docker builder: config uploads", () => {
    it("copies each mounted config's files, plain and secret, under its mount path, by file name", () => {
        const { uploads, holdsSecret } = configUploads([
            { mountPath: "/etc/web", contents: contents({ plainFiles: { "b.yaml": "b", "a.yaml": "a" }, plainValues: { IGNORED: "x" } }) },
            { mountPath: "/etc/tls", contents: contents({ secretFiles: { "tls.key": "KEY" }, plainFiles: { "tls.crt": "CRT" } }) },
        ]);
        assert.deepStrictEqual(uploads, [
            { file: "/etc/web/a.yaml", content: "a" },
            { file: "/etc/web/b.yaml", content: "b" },
            { file: "/etc/tls/tls.crt", content: "CRT" },
            { file: "/etc/tls/tls.key", content: "KEY" },
        ]);
        assert.strictEqual(holdsSecret, true);
    });

    it("says when no uploaded file is secret", () => {
        assert.deepStrictEqual(configUploads([{ mountPath: "/etc/web", contents: contents({ plainFiles: { "a.yaml": "a" } }) }]).holdsSecret, false);
        assert.deepStrictEqual(configUploads([]), { uploads: [], holdsSecret: false });
    });
});
