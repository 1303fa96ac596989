/*
 * `npm run bench:devloop [-- --runs=5 --lock=/tmp/work/e2e.lock --built]`: the dev loop
 * of berth (`npm run dev` on the shop's dev stack) against docker-compose 1.29
 * running the same containers (bench/devloop/shop.compose.yml), alternating:
 * first up until healthy, no-op rerun, rerun after one config value changed
 * (with --built: web built from source, and one of its source files edited),
 * down. Refuses to report unless both set up the same containers. Rewrites the
 * variant's figures block of bench/devloop-results.md.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeMachine } from "../machine";
import { repoRoot } from "../repo-root";
import { BerthLoop } from "./berth-loop";
import { ComposeLoop } from "./compose-loop";
import { Cycle, runCycle } from "./cycle";
import { DevLoop, Variant } from "./dev-loop";
import { dockerGet } from "./docker-api";
import { EngineLock } from "./engine-lock";
import { LocalEngine } from "./local-engine";
import { isShopNetwork, snapshotDifferences, StackSnapshot } from "./equivalence";
import { figuresMarkdown } from "./report";

interface Options {
    runs: number;
    variant: Variant;
    lock?: string;
    work: string;
    out: string;
}

/** The markers of each variant's figures block on the results page. */
function markers(variant: Variant): { begin: string; end: string } {
    const name = variant === "built" ? "devloop built figures" : "devloop figures";
    return { begin: `<!-- ${name}: begin -->`, end: `<!-- ${name}: end -->` };
}

async function main(): Promise<void> {
    const root = repoRoot();
    const options = parseOptions(process.argv.slice(2), root);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const loadStart = os.loadavg()[0];

    const tools = setUp(log);
    let versions: { docker: string; compose: string; pulumi: string } | undefined;
    fs.mkdirSync(options.work, { recursive: true });
    const berth = new BerthLoop(root, options.work, options.variant);
    const compose = new ComposeLoop(root, options.work, options.variant);
    const restore = () => [berth, compose].forEach((loop) => loop.close());
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
            restore();
            process.exit(130);
        });
    }

    const cycles: Cycle[] = [];
    /** Writes the figures of the rounds so far into the results page; returns the block. */
    const report = (): string => {
        const done = cycles.length / 2;
        const block = figuresMarkdown(cycles, {
            command: `npm run bench:devloop${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
            date: new Date().toISOString(),
            machine: describeMachine(),
            versions: versions!,
            load: { start: round1(loadStart), end: round1(os.loadavg()[0]) },
            rounds: done,
            variant: options.variant,
            partial: done < options.runs ? `${done} of the ${options.runs} rounds asked for (the run was still going or was stopped)` : undefined,
            loops: [berth, compose],
        });
        writeBlock(options.out, block, markers(options.variant));
        return block;
    };
    try {
        // Round 0 warms both tools (and creates berth's stack) and is not counted; every round is checked for equivalence.
        for (let round = 0; round <= options.runs; round++) {
            const order: DevLoop[] = round % 2 === 0 ? [berth, compose] : [compose, berth];
            const lock = options.lock ? await EngineLock.acquire(options.lock) : undefined;
            const engine = LocalEngine.ensure(root, log);
            try {
                versions = versions ?? { docker: await engineVersion(), ...tools };
                if (round === 0) {
                    // Under the lock: a build retags images that other stacks on the engine use.
                    execFileSync(path.join(root, "tools", "docker", "build-test-images"), [], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
                    clearLeftovers([berth, compose], options.work, log);
                }
                const pair: Cycle[] = [];
                for (const loop of order) {
                    const cycle = await runCycle(loop, round, options.work);
                    log(`round ${round} ${loop.tool}: ${Object.entries(cycle.timings).map(([step, t]) => `${step} ${t.wallS.toFixed(2)} s`).join(", ")} (load ${cycle.timings.first.load})`);
                    pair.push(cycle);
                }
                const [b, c] = [pair.find((p) => p.tool === "berth")!, pair.find((p) => p.tool === "compose")!];
                const differences = [
                    ...snapshotDifferences(b.snapshots.first, c.snapshots.first).map((d) => `after the first up: ${d}`),
                    ...snapshotDifferences(b.snapshots.changed, c.snapshots.changed).map((d) => `after the change: ${d}`),
                ];
                log(`round ${round}: compared ${describeSnapshot(b.snapshots.first)} (berth) with ${describeSnapshot(c.snapshots.first)} (compose)`);
                if (differences.length > 0) {
                    throw new Error(`berth and compose did not set up the same containers in round ${round}, so no figure is reported:\n${differences.join("\n")}`);
                }
                if (round > 0) {
                    cycles.push(...pair);
                    // After every round: a run cut short (the shared lock can keep a round waiting long) still leaves its figures.
                    report();
                }
            } finally {
                engine.release();
                await lock?.release();
            }
        }
    } finally {
        restore();
    }

    const block = report();
    process.stdout.write(`${block}\n\nwrote ${options.out}\n`);
}
/** What a snapshot holds, so the log shows the check compared something. */
function describeSnapshot(snapshot: StackSnapshot): string {
    const containers = Object.values(snapshot.apps).reduce((n, list) => n + list.length, 0);
    const files = Object.values(snapshot.files).reduce((n, list) => n + list.join("\n").split("\n").length, 0);
    return `${containers} containers, networks ${Object.keys(snapshot.networks).join(", ")}, ${files} uploaded files`;
}

/** docker-compose (Debian's, installed when missing) and the Pulumi CLI: their versions. */
function setUp(log: (line: string) => void): { compose: string; pulumi: string } {
    if (spawnSync("docker-compose", ["version"], { stdio: "ignore" }).status !== 0) {
        if (process.getuid?.() !== 0) {
            throw new Error("docker-compose is missing: install Debian's (apt-get install docker-compose) or run the benchmark as root");
        }
        log("installing Debian's docker-compose");
        const install = "apt-get install -y -q --no-install-recommends docker-compose >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends docker-compose >/dev/null; }";
        execFileSync("bash", ["-c", install], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    }
    const compose = execFileSync("docker-compose", ["version", "--short"], { encoding: "utf8" }).trim();
    const pulumi = execFileSync("bash", ["-c", 'command -v pulumi >/dev/null || . "${BERTH_TOOLS_CACHE:-$HOME/.cache/berth-tools}/env.sh"; echo "Pulumi CLI $(pulumi version)"'], {
        encoding: "utf8",
    }).trim();
    return { compose, pulumi };
}

/** The engine's version, as the results page names it. */
async function engineVersion(): Promise<string> {
    const engine = await dockerGet<{ Version: string; ApiVersion: string }>("/version").catch((error: Error) => {
        throw new Error(`no Docker engine answers (${error.message})`);
    });
    return `${engine!.Version} (API ${engine!.ApiVersion})`;
}

/**
 * Takes down what an interrupted run of the benchmark left (its own berth stack, its own compose project);
 * refuses when the shop's names are taken by someone else's stack, which it leaves alone.
 */
function clearLeftovers(loops: DevLoop[], work: string, log: (line: string) => void): void {
    for (const loop of loops) {
        log(`taking down whatever ${loop.tool}'s stack of an earlier run left`);
        const { command, args, cwd, env } = loop.down();
        const logFile = path.join(work, `${loop.tool}-leftovers.log`);
        const out = fs.openSync(logFile, "w");
        const down = spawnSync(command, args, { cwd, env, stdio: ["ignore", out, out] });
        fs.closeSync(out);
        if (down.status !== 0) {
            throw new Error(`${command} ${args.join(" ")} exited ${down.status}; see ${logFile}`);
        }
    }
    const taken = spawnSync("docker", ["ps", "-a", "--filter", "name=^/shop-", "--format", "{{.Names}}"], { encoding: "utf8" }).stdout.trim();
    const networks = spawnSync("docker", ["network", "ls", "--format", "{{.Name}}"], { encoding: "utf8" }).stdout.split("\n").filter(isShopNetwork);
    if (taken !== "" || networks.length > 0) {
        throw new Error(
            `the engine already has ${[taken.split("\n").join(", "), ...networks.map((n) => `network ${n}`)].filter((s) => s).join(", ")}, ` +
                "which the shop's dev stack needs (its names are fixed): whoever made them takes them down (npm run dev -- --destroy, with their BERTH_DEV_STATE) first",
        );
    }
}

function writeBlock(file: string, block: string, { begin, end }: { begin: string; end: string }): void {
    const wrapped = `${begin}\n${block}\n${end}`;
    const page = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : `# The dev loop: berth against docker-compose\n\n${begin}\n${end}\n`;
    const from = page.indexOf(begin);
    const to = page.indexOf(end);
    const next = from >= 0 && to > from ? page.slice(0, from) + wrapped + page.slice(to + end.length) : `${page.trimEnd()}\n\n${wrapped}\n`;
    fs.writeFileSync(file, next);
}

function parseOptions(argv: string[], root: string): Options {
    const options: Options = { runs: 5, variant: "config", work: path.join(os.tmpdir(), "berth-devloop-bench"), out: path.join(root, "bench", "devloop-results.md") };
    for (const arg of argv) {
        if (arg === "--built") {
            options.variant = "built";
            continue;
        }
        const match = /^--(runs|lock|work|out)=(.+)$/.exec(arg);
        if (!match) {
            throw new Error(`unknown argument ${arg}; use --runs=5 --lock=FILE --work=DIR --out=FILE --built`);
        }
        const [, key, value] = match;
        if (key === "runs") {
            options.runs = Number(value);
            if (!Number.isInteger(options.runs) || options.runs < 1) {
                throw new Error(`--runs must be a whole number ≥ 1, got ${value}`);
            }
        } else if (key === "lock") {
            options.lock = path.resolve(value);
        } else if (key === "work") {
            options.work = path.resolve(value);
        } else {
            options.out = path.resolve(value);
        }
    }
    return options;
}

function round1(value: number): number {
    return Math.round(value * 10) / 10;
}

main().then(
    () => process.exit(0),
    (error) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);
