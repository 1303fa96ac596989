import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { contextDigest, fileDigest } from "../components/model/context-digest";

/** A build context in a temp dir, from a map of relative path to content. */
function context(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-context-"));
    for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
}

const app = { Dockerfile: "FROM scratch\nCOPY . /\n", "src/main.js": "console.log(1)\n", "src/lib/util.js": "exports.x = 1\n" };

describe("The content digest of a build context", () => {
    const made: string[] = [];
    const make = (files: Record<string, string>) => {
        const dir = context(files);
        made.push(dir);
        return dir;
    };
    after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("is the same for the same content, wherever it lies and whenever it was written", () => {
        const first = make(app);
        const second = make(app);
        fs.utimesSync(path.join(second, "src/main.js"), new Date(2001, 1, 1), new Date(2001, 1, 1));
        assert.deepStrictEqual(contextDigest(first), contextDigest(second));
        assert.strictEqual(contextDigest(first).entries, 5, "3 files and 2 directories");
    });

    it("changes when a file's content changes, a file is added, removed or renamed", () => {
        const base = contextDigest(make(app)).digest;
        const variants: Record<string, string>[] = [
            { ...app, "src/main.js": "console.log(2)\n" },
            { ...app, "src/extra.js": "" },
            { Dockerfile: app.Dockerfile, "src/main.js": app["src/main.js"] },
            { Dockerfile: app.Dockerfile, "src/main.js": app["src/main.js"], "src/lib/helpers.js": app["src/lib/util.js"] },
        ];
        const digests = variants.map((files) => contextDigest(make(files)).digest);
        assert.strictEqual(new Set([base, ...digests]).size, 1 + variants.length);
    });

    it("changes when a file becomes executable, but not for other mode bits (umask, group write)", () => {
        const dir = make(app);
        const base = contextDigest(dir).digest;
        fs.chmodSync(path.join(dir, "src/main.js"), 0o664);
        assert.strictEqual(contextDigest(dir).digest, base);
        fs.chmodSync(path.join(dir, "src/main.js"), 0o755);
        assert.notStrictEqual(contextDigest(dir).digest, base);
    });

    it("counts an empty directory and a symlink's target, as the engine is sent them", () => {
        const dir = make(app);
        const base = contextDigest(dir).digest;
        fs.mkdirSync(path.join(dir, "empty"));
        const withDir = contextDigest(dir).digest;
        fs.symlinkSync("src/main.js", path.join(dir, "link"));
        const withLink = contextDigest(dir).digest;
        fs.rmSync(path.join(dir, "link"));
        fs.symlinkSync("src/lib/util.js", path.join(dir, "link"));
        assert.strictEqual(new Set([base, withDir, withLink, contextDigest(dir).digest]).size, 4);
    });

    it("leaves out what .dockerignore excludes, as Docker does (a pattern holds at the context's root; ** anywhere)", () => {
        const ignore = { ".dockerignore": "node_modules\n*.log\n**/*.tmp\ndocs/\n" };
        const dir = make({ ...app, ...ignore });
        const base = contextDigest(dir);
        for (const file of ["node_modules/a/index.js", "debug.log", "src/x.tmp", "docs/readme.md"]) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), "anything");
        }
        assert.deepStrictEqual(contextDigest(dir), base);
        // Docker matches *.log at the root only: one in a subdirectory is sent.
        fs.writeFileSync(path.join(dir, "src/debug.log"), "sent");
        assert.notStrictEqual(contextDigest(dir).digest, base.digest);
    });

    it("honours exceptions: a file re-included with ! inside an excluded directory counts", () => {
        const dir = make({ ...app, ".dockerignore": "assets\n!assets/keep.txt\n", "assets/keep.txt": "kept", "assets/drop.txt": "dropped" });
        const base = contextDigest(dir).digest;
        fs.writeFileSync(path.join(dir, "assets/drop.txt"), "changed, still dropped");
        assert.strictEqual(contextDigest(dir).digest, base);
        fs.writeFileSync(path.join(dir, "assets/keep.txt"), "changed, and sent");
        assert.notStrictEqual(contextDigest(dir).digest, base);
    });

    it("changes when .dockerignore itself changes what is sent", () => {
        const dir = make({ ...app, ".dockerignore": "src/lib\n" });
        const base = contextDigest(dir).digest;
        fs.writeFileSync(path.join(dir, ".dockerignore"), "src\n");
        assert.notStrictEqual(contextDigest(dir).digest, base);
    });

    it("digests one file by its content, in chunks (a file larger than one read)", () => {
        const dir = make({ big: "x".repeat(3 * 1024 * 1024 + 5), same: "x".repeat(3 * 1024 * 1024 + 5), other: "y" });
        assert.strictEqual(fileDigest(path.join(dir, "big")), fileDigest(path.join(dir, "same")));
        assert.notStrictEqual(fileDigest(path.join(dir, "big")), fileDigest(path.join(dir, "other")));
        assert.match(fileDigest(path.join(dir, "big")), /^[0-9a-f]{64}$/);
    });
});
