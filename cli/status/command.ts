import { Command } from "commander";
import type { CommandResult } from "../berth";
import { CliIo, exitCodes } from "../io";
import { StackOptions, addStackOptions, engineOverrides, readStackState, stacksAskedFor } from "../stack/stack-options";
import { statusDocument } from "./json";
import { stackStatus } from "./stack-status";
import { renderStatus } from "./table";
import { watch } from "./watch";
import { StackStatus, exitStatusOf } from "./workload-status";

/*
 * `berth status`: what runs of each stack, read from the engine it deploys
 * to; a table for a person, JSON for scripts, redrawn with --watch. Exit
 * status 0 all healthy, 1 something degraded, down, missing or drifted, 2
 * status could not be read.
 */

interface StatusOptions extends StackOptions {
    json?: boolean;
    watch?: boolean;
    interval: string;
    color?: boolean;
}

const helpDetails = `
Run it in a Pulumi project directory (or give -C): it reads each stack's state
with \`pulumi stack export\` (secrets stay encrypted; no passphrase needed) and
asks the engine the stack deploys to (the stack's docker:host, or its
kubernetes:kubeconfig and kubernetes:context; else the defaults) about every
app and job: replicas desired / ready / updated, health, restarts, age, and
drift (objects of the state that are missing or were changed out of band).

Exit status: 0 everything healthy, 1 something degraded, down, failed, missing
or drifted, 2 the status could not be read (stack, state or engine).`;

export function addStatusCommand(program: Command, io: CliIo, result: CommandResult): void {
    const command = program
        .command("status")
        .summary("the apps and jobs of each stack as their engine runs them: replicas, health, restarts, drift")
        .description("Show every app and job of a stack as the engine it deploys to runs them.");
    addStackOptions(command, true)
        .option("--json", "print JSON (the schema is in the README); one document per line with --watch")
        .option("-w, --watch", "redraw every --interval seconds until interrupted (Ctrl-C)")
        .option("--interval <seconds>", "seconds between readings with --watch", "2")
        .option("--no-color", "no colour, even on a terminal (NO_COLOR does the same)")
        .addHelpText("after", helpDetails)
        .action(async (options: StatusOptions, self: Command) => {
            const interval = Number(options.interval);
            let stacks: Array<string | undefined>;
            try {
                stacks = stacksAskedFor(options);
                if (!Number.isFinite(interval) || interval < 0.2) {
                    throw new Error(`--interval must be a number of seconds, at least 0.2 (got "${options.interval}")`);
                }
            } catch (error) {
                io.stderr(`berth status: ${(error as Error).message}\n\n${self.helpInformation()}`);
                result.code = exitCodes.usage;
                return;
            }
            const stdinState = options.state === "-" ? await io.readStdin() : undefined;
            const readAll = () => readStatuses(stdinState === undefined ? io : { ...io, readStdin: async () => stdinState }, options, stacks);
            result.code = options.watch ? await watch(io, readAll, (statuses, now) => render(io, options, statuses, now, true), interval * 1000, !options.json) : await once(io, options, readAll);
        });
}

async function once(io: CliIo, options: StatusOptions, readAll: () => Promise<StackStatus[]>): Promise<number> {
    const statuses = await readAll();
    const now = io.now?.() ?? new Date();
    io.stdout(render(io, options, statuses, now, false));
    // The table says it on stdout already; JSON holds it where a person may not look.
    if (options.json) {
        for (const status of statuses.filter((s) => s.error !== undefined)) {
            io.stderr(`berth status: ${status.stack}: ${status.error}\n`);
        }
    }
    return exitStatusOf(statuses);
}

/** One reading as text: JSON (one line under --watch) or the table. */
function render(io: CliIo, options: StatusOptions, statuses: StackStatus[], now: Date, watching: boolean): string {
    if (options.json) {
        const document = statusDocument(statuses, now);
        return watching ? `${JSON.stringify(document)}\n` : `${JSON.stringify(document, null, 2)}\n`;
    }
    const terminal = io.terminal?.();
    const color = terminal !== undefined && options.color !== false && !(io.env ?? process.env).NO_COLOR;
    return renderStatus(statuses, { columns: terminal?.columns, color, now });
}

/** Reads every stack asked for; a stack that cannot be read becomes a status with its error. */
async function readStatuses(io: CliIo, options: StatusOptions, stacks: Array<string | undefined>): Promise<StackStatus[]> {
    const statuses: StackStatus[] = [];
    for (const stack of stacks) {
        try {
            const state = await readStackState(io, options, stack);
            statuses.push(await stackStatus(state, { overrides: engineOverrides(options), env: io.env ?? process.env }));
        } catch (error) {
            statuses.push({ stack: stack ?? "(current)", project: "", engines: [], workloads: [], drift: [], notes: [], error: (error as Error).message });
        }
    }
    return statuses;
}
