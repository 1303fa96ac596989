import * as assert from "assert";
import { buildLogFile, lastLines } from "../../components/backends/build-log";

describe("Builder: a failed build's output", () => {
    it("keeps each image's log under the project directory, by stack, network and app: the same path on every machine", () => {
        assert.strictEqual(buildLogFile("dev", "shop", "web"), ".berth/build-logs/dev-shop-web.log");
    });

    it("shows the last lines that say something", () => {
        const output = ["#1 [internal] load build definition", "", "#7 0.31 checking the page", "   ", "#7 ERROR: exit code: 7", ""].join("\n");
        assert.strictEqual(lastLines(output, 2, []), "#7 0.31 checking the page\n#7 ERROR: exit code: 7");
        assert.strictEqual(lastLines(output, 10, []).split("\n").length, 3);
        assert.strictEqual(lastLines("", 5, []), "");
    });

    it("masks every secret build arg, as BuildKit prints a RUN step with its args expanded (longest first, so no part of one shows)", () => {
        const output = 'RUN echo "token=s3cr3t-long"; exit 1\n#5 0.2 token=s3cr3t-long and s3cr3t\n';
        const shown = lastLines(output, 5, ["s3cr3t", "s3cr3t-long", ""]);
        assert.strictEqual(shown, 'RUN echo "token=[secret]"; exit 1\n#5 0.2 token=[secret] and [secret]');
    });
});
