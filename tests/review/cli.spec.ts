import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { CliIo, exitCodes, main } from "../../cli/berth";
import { fixtureText, fixturesDir } from "./helpers";

/** An in-memory CLI: files are fixtures by name, stdin is given, output is collected. */
function fakeIo(stdin = "") {
    const out = { stdout: "", stderr: "", written: new Map<string, string>() };
    const io: CliIo = {
        readFile: async (file) => fixtureText(path.basename(file)),
        readStdin: async () => stdin,
        writeFile: async (file, text) => {
            out.written.set(file, text);
        },
        stdout: (text) => {
            out.stdout += text;
        },
        stderr: (text) => {
            out.stderr += text;
        },
    };
    return { io, out };
}

describe("berth review: the command line", () => {
    it("labels each preview as given: label=file", async () => {
        const { io, out } = fakeIo();
        const code = await main(["review", "staging=dev-docker.json", "live=prod-kubernetes.json"], io);
        assert.strictEqual(code, exitCodes.ok);
        assert.ok(out.stdout.includes("### Stack `staging`") && out.stdout.includes("### Stack `live`"));
        assert.strictEqual(out.stderr, "");
    });

    it("labels an unlabelled preview by the stack in its URNs, else by its file name", async () => {
        const { io, out } = fakeIo();
        await main(["review", "prod-kubernetes.json", "fixtures/empty-preview.json"], { ...io, readFile: async (file) => (file.includes("empty") ? "{}" : fixtureText(path.basename(file))) });
        assert.ok(out.stdout.includes("### Stack `prod`"));
        assert.ok(out.stdout.includes("### Stack `empty-preview`"));
    });

    it("reads stdin, labelled with --stack", async () => {
        const { io, out } = fakeIo(fixtureText("dev-docker.json"));
        assert.strictEqual(await main(["review", "--stack", "laptop"], io), exitCodes.ok);
        assert.ok(out.stdout.includes("### Stack `laptop`"));
    });

    it("exits 1 when a --fail-on rule matches, still writing the report, and says why on stderr", async () => {
        const { io, out } = fakeIo();
        const code = await main(["review", "--fail-on", "replace,stateful-delete", "dev=dev-docker.json", "prod=prod-kubernetes.json"], io);
        assert.strictEqual(code, exitCodes.blocked);
        assert.ok(out.stdout.includes("> **Blocked by `--fail-on`:** `replace` in `dev`"));
        assert.ok(out.stderr.includes("blocked by --fail-on stateful-delete: prod: db-data"));
    });

    it("exits 0 with --fail-on when nothing matches", async () => {
        const { io } = fakeIo();
        assert.strictEqual(await main(["review", "--fail-on=replace", "prod-kubernetes.json"], io), exitCodes.ok);
        assert.strictEqual(await main(["review", "--fail-on", "any", "prod-no-changes.json"], io), exitCodes.ok);
    });

    it("accepts --fail-on more than once", async () => {
        const { io } = fakeIo();
        assert.strictEqual(await main(["review", "--fail-on", "create", "--fail-on", "delete", "prod-kubernetes.json"], io), exitCodes.blocked);
    });

    it("writes the report to --output instead of stdout", async () => {
        const { io, out } = fakeIo();
        await main(["review", "-o", "report.md", "prod-kubernetes.json"], io);
        assert.strictEqual(out.stdout, "");
        assert.ok(out.written.get("report.md")!.startsWith("## berth review"));
    });

    it("exits 2 on bad arguments or input, naming the problem", async () => {
        const cases: [string[], RegExp][] = [
            [["review", "--fail-on", "destroy", "x.json"], /--fail-on: unknown "destroy"/],
            [["review", "--frobnicate"], /Unknown option '--frobnicate'/],
            [["review", "--max-changes", "0", "x.json"], /--max-changes must be a whole number/],
            [["review", "--stack", "prod", "prod=prod.json"], /--stack labels the preview read from stdin/],
            [["deploy"], /unknown command "deploy"/],
        ];
        for (const [argv, message] of cases) {
            const { io, out } = fakeIo();
            assert.strictEqual(await main(argv, io), exitCodes.usage, argv.join(" "));
            assert.match(out.stderr, message);
        }
        const { io, out } = fakeIo("not json");
        assert.strictEqual(await main(["review"], io), exitCodes.usage);
        assert.match(out.stderr, /^berth review: stdin: not JSON/);
    });

    it("runs as the package's bin: shebang, stdin, exit status", () => {
        const bin = path.resolve(__dirname, "..", "..", "cli", "berth.js");
        const result = spawnSync(process.execPath, [bin, "review", "--fail-on", "stateful-delete"], {
            input: fixtureText("prod-kubernetes.json"),
            encoding: "utf8",
        });
        assert.strictEqual(result.status, exitCodes.blocked, result.stderr);
        assert.ok(result.stdout.startsWith("## berth review"));
        assert.ok(result.stdout.includes("### Stack `prod`"));
        assert.match(result.stderr, /blocked by --fail-on stateful-delete: prod: db-data/);
        assert.ok(fixturesDir.length > 0);
    });
});
