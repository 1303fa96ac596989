import * as assert from "assert";
import { configUploads } from "../../../components/backends/docker/uploads";
import { contents } from "../models";

describe("Docker builder: config uploads", () => {
    it("copies each mounted config's files, plain and secret, under its mount path, by file name", () => {
        const { uploads, holdsSecret } = configUploads([
            { mountPath: "/etc/web", contents: contents({ plainFiles: { "b.yaml": "b", "a.yaml": "a" }, plainValues: { IGNORED: "x" }, secretValues: { TOKEN: "t" } }), secretsAsFiles: false },
            { mountPath: "/etc/tls", contents: contents({ secretFiles: { "tls.key": "KEY" }, plainFiles: { "tls.crt": "CRT" } }), secretsAsFiles: false },
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
        assert.deepStrictEqual(configUploads([{ mountPath: "/etc/web", contents: contents({ plainFiles: { "a.yaml": "a" } }), secretsAsFiles: true }]).holdsSecret, false);
        assert.deepStrictEqual(configUploads([]), { uploads: [], holdsSecret: false });
    });

    it("with secretsAsFiles, writes each secret value to a file named by its key, and says the uploads hold a secret", () => {
        const { uploads, holdsSecret } = configUploads([
            { mountPath: "/etc/shop", contents: contents({ plainFiles: { "shop.conf": "c" }, plainValues: { GREETING: "hi" }, secretValues: { API_TOKEN: "tok" } }), secretsAsFiles: true },
        ]);
        assert.deepStrictEqual(uploads, [
            { file: "/etc/shop/API_TOKEN", content: "tok" },
            { file: "/etc/shop/shop.conf", content: "c" },
        ]);
        assert.strictEqual(holdsSecret, true);
    });
});
