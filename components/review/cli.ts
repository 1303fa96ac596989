#!/usr/bin/env node
import { promises as fs } from "fs";
import { ReviewArgs, parseReviewArgs, usage } from "./cli-args";
import { failOnHits } from "./fail-on";
import { renderReport } from "./markdown";
import { PreviewReadError, readPreview } from "./preview";
import { StackReview, reviewStack } from "./stack-review";
import { parseUrn } from "./urn";

/** Exit status: nothing blocks; a --fail-on rule matched; bad arguments or unreadable input. */
export const exitCodes = { ok: 0, blocked: 1, usage: 2 } as const;

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
    readFile(path: string): Promise<string>;
    readStdin(): Promise<string>;
    writeFile(path: string, text: string): Promise<void>;
    stdout(text: string): void;
    stderr(text: string): void;
}

const nodeIo: CliIo = {
    readFile: (path) => fs.readFile(path, "utf8"),
    readStdin: async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) {
            chunks.push(chunk as Buffer);
        }
        return Buffer.concat(chunks).toString("utf8");
    },
    writeFile: (path, text) => fs.writeFile(path, text, "utf8"),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
};

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

    let args: ReviewArgs;
    try {
        args = parseReviewArgs(rest);
    } catch (error) {
        io.stderr(`berth review: ${(error as Error).message}\n\n${usage}\n`);
        return exitCodes.usage;
    }
    if (args.help) {
        io.stdout(`${usage}\n`);
        return exitCodes.ok;
    }

    const reviews: StackReview[] = [];
    for (const source of args.sources) {
        try {
            const text = source.path === "-" ? await io.readStdin() : await io.readFile(source.path);
            const digest = readPreview(text, source.path === "-" ? "stdin" : source.path);
            const urn = digest.steps.length > 0 ? parseUrn(digest.steps[0].urn) : undefined;
            reviews.push(reviewStack(source.label ?? urn?.stack ?? source.fallbackLabel, digest));
        } catch (error) {
            const message = error instanceof PreviewReadError ? error.message : `${source.path}: ${(error as Error).message}`;
            io.stderr(`berth review: ${message}\n`);
            return exitCodes.usage;
        }
    }

    const hits = failOnHits(reviews, args.failOn);
    const report = renderReport(reviews, { blocked: hits, maxChanges: args.maxChanges });
    if (args.output) {
        await io.writeFile(args.output, report);
    } else {
        io.stdout(report);
    }
    for (const hit of hits) {
        io.stderr(`berth review: blocked by --fail-on ${hit.rule}: ${hit.stack}: ${hit.resources.join(", ")}\n`);
    }
    return hits.length > 0 ? exitCodes.blocked : exitCodes.ok;
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
