import * as assert from "assert";
import { DockerFrames } from "../../cli/logs/docker-frames";
import { LineSplitter, inTimeOrder, parseLogLine } from "../../cli/logs/log-line";
import { LogPrinter } from "../../cli/logs/log-printer";
import { parseSince, sinceTime } from "../../cli/logs/since";

describe("berth logs: lines of several replicas", () => {
    it("reads the engines' timestamps with any number of fractional digits (Docker trims trailing zeros)", () => {
        const line = parseLogLine("shop-api-0", "2026-12-06T05:58:40.8993Z [::ffff:127.0.0.1]:36798: response:404");
        assert.strictEqual(line.timestamp, "2026-12-06T05:58:40.8993Z");
        assert.strictEqual(line.text, "[::ffff:127.0.0.1]:36798: response:404");
        assert.strictEqual(parseLogLine("x", "no timestamp here").timestamp, "");
    });

    it("merges lines in time order, comparing times, not strings; equal times keep the order they were read in", () => {
        const lines = [
            parseLogLine("a", "2026-12-06T05:58:40.9Z third"),
            parseLogLine("b", "2026-12-06T05:58:40.123456789Z second"),
            parseLogLine("a", "2026-12-06T05:58:40Z first"),
            parseLogLine("b", "2026-12-06T07:58:40.9+02:00 also third, in another zone"),
        ];
        assert.deepStrictEqual(
            inTimeOrder(lines).map((l) => l.text),
            ["first", "second", "third", "also third, in another zone"],
        );
    });

    it("cuts chunks into lines, keeping a line split across chunks whole", () => {
        const lines: string[] = [];
        const splitter = new LineSplitter((line) => lines.push(line));
        splitter.push("one\ntw");
        splitter.push("o\r\nthr");
        splitter.end();
        assert.deepStrictEqual(lines, ["one", "two", "thr"]);
    });

    it("takes Docker's multiplexed frames apart, also when a header or payload is split across chunks", () => {
        const frame = (type: number, text: string) => {
            const payload = Buffer.from(text);
            const header = Buffer.alloc(8);
            header[0] = type;
            header.writeUInt32BE(payload.length, 4);
            return Buffer.concat([header, payload]);
        };
        const stream = Buffer.concat([frame(1, "out 1\n"), frame(2, "err 1\n"), frame(1, "out 2\n")]);
        const got: string[] = [];
        const frames = new DockerFrames((kind, payload) => got.push(`${kind}:${payload.toString()}`));
        for (const cut of [3, 11, 17]) {
            frames.push(stream.subarray(0, cut));
            frames.push(stream.subarray(cut, cut));
            frames.push(stream.subarray(cut));
            assert.deepStrictEqual(got.splice(0), ["stdout:out 1\n", "stderr:err 1\n", "stdout:out 2\n"], `cut at ${cut}`);
        }
    });

    it("prefixes each line with its replica, padded to the longest, with the timestamp when asked", () => {
        let out = "";
        const printer = new LogPrinter((text) => (out += text), { color: false, timestamps: true, holdMs: 0 });
        printer.add(parseLogLine("shop-api-1", "2026-12-06T05:58:41Z b"));
        printer.add(parseLogLine("api-0", "2026-12-06T05:58:40Z a"));
        printer.flushAll();
        assert.strictEqual(out, "api-0      | 2026-12-06T05:58:40Z a\nshop-api-1 | 2026-12-06T05:58:41Z b\n");
    });

    it("--since takes durations and times", () => {
        assert.deepStrictEqual(parseSince("1h30m"), { seconds: 5400 });
        assert.deepStrictEqual(parseSince("90s"), { seconds: 90 });
        const now = new Date("2026-12-06T06:00:00Z");
        assert.strictEqual(sinceTime(parseSince("10m"), now).toISOString(), "2026-12-06T05:50:00.000Z");
        assert.strictEqual(sinceTime(parseSince("2026-12-06T05:00:00Z"), now).toISOString(), "2026-12-06T05:00:00.000Z");
        assert.throws(() => parseSince("yesterday"), /--since takes a duration \(90s, 10m, 1h30m, 2d\) or a time/);
    });
});
