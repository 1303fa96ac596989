#!/usr/bin/env node
import { CliIo, exitCodes, nodeIo } from "./io";
import { runReview, usage } from "./review/command";

/* The `berth` command (package.json "bin"): one subcommand per folder of cli/. */

export { CliIo, exitCodes } from "./io";

/**
 * `berth <command> ...`: runs `berth review` and returns the exit status.
 * Errors are reported on stderr; the report goes to stdout or --output.
 */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
        io.stdout(`${usage}\n`);
        return command === undefined ? exitCodes.usage : exitCodes.ok;
    }
    if (command !== "review") {
        io.stderr(`berth: unknown command "${command}"\n\n${usage}\n`);
        return exitCodes.usage;
    }

    return runReview(rest, io);
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
