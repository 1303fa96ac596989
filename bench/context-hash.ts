import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { contextDigest } from "../components/model/context-digest";
import { describeMachine } from "./machine";
import { repoRoot } from "./repo-root";

/*
 * What it costs berth to know whether a build context changed: the digest
 * of a context of FILES files (npm run bench:context), which every preview
 * and up reads for every app built from source. The context is a source
 * tree: 100 directories of 100 files of 1-4 KiB, and a node_modules of
 * 2,000 more files that .dockerignore excludes (pruned, never read). The
 * first run reads from the page cache too (the files were just written);
 * each run is timed apart, and the figures are written to
 * bench/build-results.md with the machine and the load.
 */

const files = Number(process.env.FILES ?? 10_000);
const runs = Number(process.env.RUNS ?? 7);

function writeContext(dir: string): number {
    let bytes = 0;
    const perDir = 100;
    for (let i = 0; i < files; i++) {
        const sub = path.join(dir, "src", `dir${String(Math.floor(i / perDir)).padStart(3, "0")}`);
        if (i % perDir === 0) {
            fs.mkdirSync(sub, { recursive: true });
        }
        const content = `// file ${i}\n${"x".repeat(1024 + ((i * 37) % 3072))}\n`;
        fs.writeFileSync(path.join(sub, `file${i}.ts`), content);
        bytes += content.length;
    }
    fs.mkdirSync(path.join(dir, "node_modules", "dep"), { recursive: true });
    for (let i = 0; i < 2_000; i++) {
        fs.writeFileSync(path.join(dir, "node_modules", "dep", `m${i}.js`), "module.exports = 1;\n");
    }
    fs.writeFileSync(path.join(dir, ".dockerignore"), "node_modules\n*.log\n");
    fs.writeFileSync(path.join(dir, "Dockerfile"), "FROM scratch\nCOPY src/ /src/\n");
    return bytes;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-context-"));
    try {
        const bytes = writeContext(dir);
        const seconds: number[] = [];
        let entries = 0;
        let digest = "";
        for (let run = 0; run < runs; run++) {
            const started = process.hrtime.bigint();
            const result = contextDigest(dir);
            seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
            entries = result.entries;
            if (digest !== "" && digest !== result.digest) {
                throw new Error("the digest of an unchanged context changed between runs");
            }
            digest = result.digest;
        }
        const load = os.loadavg().map((l) => l.toFixed(1)).join(", ");
        const machine = describeMachine();
        const lines = [
            "# bench/build-results.md — builds from source (issue 17)",
            "",
            "## Hashing a build context",
            "",
            "Every preview and `up` hashes the context of each app built from source (components/model/context-digest.ts)",
            "to know whether the image must be rebuilt.",
            "",
            `Command: \`npm run bench:context\` (FILES=${files} RUNS=${runs}); written by bench/context-hash.ts.`,
            "",
            "| context | entries hashed | median | min | max |",
            "| --- | --- | --- | --- | --- |",
            `| ${files.toLocaleString("en")} files of 1-4 KiB (${(bytes / 2 ** 20).toFixed(1)} MiB) in 100 directories, plus 2,000 files under a node_modules that .dockerignore excludes | ${entries} | ${median(seconds).toFixed(3)} s | ${Math.min(...seconds).toFixed(3)} s | ${Math.max(...seconds).toFixed(3)} s |`,
            "",
            `Runs: ${seconds.map((s) => s.toFixed(3)).join(", ")} s (files in the page cache: the bench wrote them just before).`,
            "",
            `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; load average at the end ${load}`,
            `(shared with other engineers' builds and tests); commit ${machine.commit}; ${new Date().toISOString()}.`,
            "",
        ];
        const out = path.join(repoRoot(), "bench", "build-results.md");
        fs.writeFileSync(out, lines.join("\n"));
        console.log(lines.join("\n"));
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main();
