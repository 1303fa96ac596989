#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { CliIo, exitCodes, nodeIo } from "./io";
import { addLogsCommand } from "./logs/command";
import { addReviewCommand } from "./review/command";
import { addStatusCommand } from "./status/command";

/*
 * The `berth` command (package.json "bin"): one subcommand per folder of cli/,
 * parsed by commander. Each folder's command.ts adds its subcommand to the
 * program: its options, its help, and an action that returns the exit status.
 */

export { CliIo, exitCodes } from "./io";

/** What a subcommand's action reports back: the exit status. */
export interface CommandResult {
    code: number;
}

/** Adds one subcommand to the program. */
export type AddCommand = (program: Command, io: CliIo, result: CommandResult) => void;

const subcommands: AddCommand[] = [addReviewCommand, addStatusCommand, addLogsCommand];

/** The program and its subcommands, writing through io and throwing instead of exiting. */
function berthProgram(io: CliIo, result: CommandResult): Command {
    const program = new Command("berth")
        .description("Review, watch and read the logs of the systems berth deploys with Pulumi.")
        .usage("<command> [options]")
        .exitOverride()
        // commander's own error line is replaced by berth's, which names the subcommand.
        .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text), outputError: () => undefined })
        .addHelpText("after", "\nRun `berth <command> --help` for a command's options.");
    for (const add of subcommands) {
        add(program, io, result);
    }
    return program;
}

/**
 * `berth <command> ...`: runs a subcommand and returns the exit status.
 * Errors are reported on stderr; what the command writes goes to stdout or a file.
 */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
    const result: CommandResult = { code: exitCodes.ok };
    const program = berthProgram(io, result);
    const [first] = argv;
    if (first === undefined) {
        io.stdout(program.helpInformation());
        return exitCodes.usage;
    }
    const names = program.commands.map((c) => c.name());
    if (!first.startsWith("-") && first !== "help" && !names.includes(first)) {
        io.stderr(`berth: unknown command "${first}"\n\n${program.helpInformation()}`);
        return exitCodes.usage;
    }
    let current: Command = program;
    program.hook("preSubcommand", (_program, subcommand) => {
        current = subcommand;
    });
    try {
        await program.parseAsync(argv, { from: "user" });
        return result.code;
    } catch (error) {
        if (!(error instanceof CommanderError)) {
            throw error;
        }
        if (error.code === "commander.helpDisplayed" || error.code === "commander.help" || error.code === "commander.version") {
            return exitCodes.ok;
        }
        io.stderr(`${commandPath(current)}: ${sentence(error.message)}\n\n${current.helpInformation()}`);
        return exitCodes.usage;
    }
}

/** "berth review" for the review subcommand. */
export function commandPath(command: Command): string {
    return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

/** commander's "error: unknown option '--x'" as "Unknown option '--x'". */
function sentence(message: string): string {
    const text = message.replace(/^error: /, "");
    return text.charAt(0).toUpperCase() + text.slice(1);
}

if (require.main === module) {
    // `berth logs web | head` closes stdout early: stop quietly, as other command-line tools do.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") {
            process.exit(process.exitCode ?? 0);
        }
        throw error;
    });
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (error: Error) => {
            process.stderr.write(`berth: ${error.stack ?? error.message}\n`);
            process.exitCode = exitCodes.usage;
        },
    );
}
