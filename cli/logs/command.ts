import { Command } from "commander";
import type { CommandResult } from "../berth";
import { CliIo, exitCodes } from "../io";
import { StackOptions, addStackOptions, engineOverrides, readStackState, stacksAskedFor } from "../stack/stack-options";
import { stackWorkloads } from "../stack/workloads";
import { StackEngines } from "../engines/stack-engines";
import { dockerLogReader } from "./docker-logs";
import { kubernetesLogReader } from "./kubernetes-logs";
import { LogPrinter } from "./log-printer";
import { LogReader } from "./log-request";
import { Since, parseSince } from "./since";

/*
 * `berth logs <app>`: the logs of every replica of an app or job of a stack
 * (init containers and sidecars included), each line prefixed with its
 * replica, merged in time order; --follow keeps reading.
 */

interface LogsOptions extends StackOptions {
    follow?: boolean;
    since?: string;
    tail?: string;
    timestamps?: boolean;
    color?: boolean;
}

const helpDetails = `
Reads the stack's state (as berth status does) to find the app's replicas,
then their logs from the engine it deploys to: Docker containers, or every
container of the app's Kubernetes pods. Each line is prefixed with its replica
(pod/container when a pod has several containers).

Exit status: 0 the logs of every replica were read, 1 some replica has no log
(removed, not started), 2 the logs could not be read (stack, state, engine,
unknown app).`;

/** How long --follow holds lines to write them in time order across replicas. */
const followHoldMs = 250;

export function addLogsCommand(program: Command, io: CliIo, result: CommandResult): void {
    const command = program
        .command("logs")
        .summary("the logs of every replica of an app or job, merged in time order")
        .description("Print the logs of every replica of an app or job of a stack, merged in time order.")
        .argument("<app>", "the app or job (the name given to its ContainerApp, ...)");
    addStackOptions(command, false)
        .option("-f, --follow", "keep reading new lines until interrupted (Ctrl-C)")
        .option("--since <when>", "only lines since a duration ago (90s, 10m, 1h30m, 2d) or a time (2026-01-02T03:04:05Z)")
        .option("--tail <n>", "only the last n lines of each replica")
        .option("-t, --timestamps", "show each line's timestamp")
        .option("--no-color", "no colour, even on a terminal (NO_COLOR does the same)")
        .addHelpText("after", helpDetails)
        .action(async (app: string, options: LogsOptions, self: Command) => {
            let since: Since | undefined;
            let tail: number | undefined;
            let stack: string | undefined;
            try {
                [stack] = stacksAskedFor(options);
                since = options.since === undefined ? undefined : parseSince(options.since);
                tail = options.tail === undefined ? undefined : Number(options.tail);
                if (tail !== undefined && (!Number.isInteger(tail) || tail < 0)) {
                    throw new Error(`--tail must be a whole number (got "${options.tail}")`);
                }
            } catch (error) {
                io.stderr(`berth logs: ${(error as Error).message}\n\n${self.helpInformation()}`);
                result.code = exitCodes.usage;
                return;
            }
            result.code = await runLogs(io, app, options, { stack, since, tail });
        });
}

async function runLogs(io: CliIo, app: string, options: LogsOptions, parsed: { stack?: string; since?: Since; tail?: number }): Promise<number> {
    let reader: LogReader;
    try {
        const state = await readStackState(io, options, parsed.stack);
        const workloads = stackWorkloads(state);
        const workload = workloads.find((w) => w.component.name === app);
        if (workload === undefined) {
            const names = workloads.map((w) => w.component.name).sort();
            throw new Error(`stack ${state.stack} has no app or job "${app}"${names.length > 0 ? `; it has ${names.join(", ")}` : ""}`);
        }
        const engines = new StackEngines(state, { overrides: engineOverrides(options), env: io.env ?? process.env });
        const object = workload.running[0];
        reader = workload.target === "docker" ? dockerLogReader(engines.dockerFor(object), workload) : kubernetesLogReader(engines.kubernetesFor(object), workload);
    } catch (error) {
        io.stderr(`berth logs: ${(error as Error).message}\n`);
        return exitCodes.usage;
    }

    const terminal = io.terminal?.();
    const color = terminal !== undefined && options.color !== false && !(io.env ?? process.env).NO_COLOR;
    const printer = new LogPrinter((text) => io.stdout(text), { color, timestamps: options.timestamps === true, holdMs: options.follow ? followHoldMs : 0 });
    const signal = options.follow ? (io.interrupted?.() ?? new AbortController().signal) : new AbortController().signal;
    try {
        const problems = await reader({ follow: options.follow === true, since: parsed.since, tail: parsed.tail, now: io.now?.() ?? new Date(), signal }, (line) => printer.add(line));
        printer.flushAll();
        for (const problem of problems) {
            io.stderr(`berth logs: ${problem}\n`);
        }
        return problems.length > 0 ? 1 : exitCodes.ok;
    } catch (error) {
        printer.flushAll();
        io.stderr(`berth logs: ${(error as Error).message}\n`);
        return exitCodes.usage;
    }
}
