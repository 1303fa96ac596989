import * as fs from "fs";
import * as path from "path";
import { fairnessProblems } from "./equivalence";
import { describeMachine, loadAverage } from "./machine";
import { PlotSeries, logLogChart } from "./plot";
import { figureTables, resultsMarkdown, verdicts } from "./results-report";
import { ScheduleOptions, runSchedule } from "./schedule";
import { repoRoot } from "./repo-root";
import { spread } from "./statistics";
import { Summary, summarise } from "./summary";
import { BenchTarget, benchTargets } from "./systems";

/**
 * `npm run bench [-- --apps=10,100,1000 --reps=5 --targets=docker,kubernetes --out=bench]`:
 * checks the hand-written programs are a fair equivalent, runs the schedule,
 * prints the figures and writes results.md, results.svg and results.json.
 */
async function main(): Promise<void> {
    const { options, outDir } = parseOptions(process.argv.slice(2));
    const command = commandLine();
    const loadStart = loadAverage();
    const log = (line: string) => process.stderr.write(line + "\n");

    const fairness: string[] = [];
    for (const target of options.targets) {
        fairness.push(...(await fairnessProblems(target)));
    }
    if (fairness.length > 0) {
        throw new Error(`the hand-written programs are not berth's equivalent, so the comparison would be unfair:\n${fairness.join("\n")}`);
    }
    log("fairness: same provider resources, same inputs, no plaintext secret, on " + options.targets.join(" and "));

    const runs = runSchedule(options, log);
    const summary = summarise(runs);
    const plotFile = "results.svg";
    const markdown = resultsMarkdown(summary, {
        command,
        date: new Date().toISOString(),
        machine: describeMachine(),
        options,
        load: { start: loadStart, end: loadAverage(), runs: spread(runs.map((r) => r.loadBefore)) },
        fairness,
        plotFile,
    });
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "results.md"), markdown);
    fs.writeFileSync(path.join(outDir, plotFile), plot(summary));
    fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify({ command, options, runs }, null, 1) + "\n");

    process.stdout.write(`\n${figureTables(summary)}\n\n${verdicts(summary).join("\n")}\n\nwrote ${path.join(outDir, "results.md")} and ${plotFile}\n`);
}

function plot(summary: Summary): string {
    const colours: Record<BenchTarget, string> = { docker: "#1f77b4", kubernetes: "#d62728" };
    const series = (metric: "wallMs" | "cpuMs"): PlotSeries[] =>
        benchTargets.flatMap((target) =>
            (["berth", "raw"] as const).flatMap((variant) => {
                const cells = summary.cells.filter((c) => c.target === target && c.variant === variant).sort((a, b) => a.apps - b.apps);
                return cells.length === 0
                    ? []
                    : [{
                          label: `${target} ${variant === "raw" ? "by hand" : "berth"}`,
                          colour: colours[target],
                          dashed: variant === "raw",
                          points: cells.map((c) => ({ x: c.apps, median: c[metric].median / 1000, min: c[metric].min / 1000, max: c[metric].max / 1000 })),
                      }];
            }),
        );
    return logLogChart("berth vs hand-written providers under Pulumi mocks (median, min–max)", "apps (N)", [
        { title: "Wall time", yLabel: "seconds", series: series("wallMs") },
        { title: "CPU time", yLabel: "seconds", series: series("cpuMs") },
    ]);
}

function parseOptions(argv: string[]): { options: ScheduleOptions; outDir: string } {
    const values = new Map(argv.map((arg) => {
        const match = /^--([a-z]+)=(.*)$/.exec(arg);
        if (!match) {
            throw new Error(`unknown argument ${arg}; use --apps=10,100,1000 --reps=5 --targets=docker,kubernetes --out=bench`);
        }
        return [match[1], match[2]] as [string, string];
    }));
    const list = (name: string, fallback: string) => (values.get(name) ?? fallback).split(",").filter((item) => item !== "");
    const targets = list("targets", benchTargets.join(",")) as BenchTarget[];
    const unknown = targets.filter((target) => !benchTargets.includes(target));
    const apps = list("apps", "10,100,1000").map(Number);
    const repetitions = Number(values.get("reps") ?? "5");
    if (unknown.length > 0 || apps.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(repetitions) || repetitions < 1) {
        throw new Error(`bad options: ${argv.join(" ")}`);
    }
    return {
        options: { apps: apps.sort((a, b) => a - b), targets, repetitions },
        outDir: path.resolve(values.get("out") ?? path.join(repoRoot(), "bench")),
    };
}

/** The command as the user typed it, for results.md. */
function commandLine(): string {
    const args = process.argv.slice(2).join(" ");
    if (process.env.npm_lifecycle_event === "bench") {
        return `npm run bench${args ? ` -- ${args}` : ""}`;
    }
    return `node ${path.relative(process.cwd(), process.argv[1])}${args ? ` ${args}` : ""}`;
}

main().then(
    () => process.exit(0),
    (error) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);


