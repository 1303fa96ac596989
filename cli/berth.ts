#!/usr/bin/env node
import { CliIo, exitCodes, nodeIo } from "./io";
import { runReview, usage } from "./review/command";

/* The `berth` command (package.json "bin"): one subcommand per folder of cli/. */

export { CliIo, exitCodes } from "./io";

/** The subcommands, by name: each takes the arguments after its name and returns the exit status. */
const commands: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
    review: runReview,
};

/**
 * `berth <command> ...`: runs a subcommand and returns the exit status.
 * Errors are reported on stderr; what the command writes goes to stdout or a file.
 */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
    const [command, ...rest] = argv;
    // `berth review` is the only command so far: its usage is berth's.
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
        io.stdout(`${usage}\n`);
        return command === undefined ? exitCodes.usage : exitCodes.ok;
    }
    const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
    if (run === undefined) {
        io.stderr(`berth: unknown command "${command}"\n\n${usage}\n`);
        return exitCodes.usage;
    }
    return run(rest, io);
}

if (require.main === module) {
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
