import * as path from "path";
import { Command } from "commander";
import { parseUrn } from "../../shared/urn";
import type { CommandResult } from "../berth";
import { CliIo, exitCodes } from "../io";
import { FailOnRule, failOnHits, parseFailOn } from "./fail-on";
import { PreviewReadError, readPreview } from "./read/preview";
import { renderReport } from "./report/markdown";
import { StackReview, reviewStack } from "./stack-review";

/** One preview to read: where from, and the label its section gets. */
export interface PreviewSource {
    /** A file path, or "-" for stdin. */
    path: string;
    /** Explicit label (`prod=prod.json`, or `--stack` for stdin); otherwise taken from the preview's URNs. */
    label?: string;
    /** Label to use when neither an explicit one nor the URNs give one. */
    fallbackLabel: string;
}

/** What `berth review` was asked to do. */
export interface ReviewArgs {
    sources: PreviewSource[];
    failOn: FailOnRule[];
    maxChanges?: number;
    /** Write the report here instead of stdout. */
    output?: string;
}

/** What follows the options in `berth review --help`. */
const helpDetails = `
Reads what \`pulumi preview --json\` printed for one or several stacks and writes
a Markdown report: a summary table per stack, then the changes grouped by berth
component, each with a one-line reason. Values are never printed (secrets show
as changed); "-" (or no preview) reads stdin.

Examples:
  pulumi preview --stack prod --json > prod.json && berth review dev=dev.json prod=prod.json
  pulumi preview --json | berth review --fail-on stateful-delete

Exit status: 0 nothing blocks, 1 a --fail-on rule matched, 2 bad arguments or input.`;

/** The options commander parsed for `berth review`. */
interface ReviewOptions {
    stack?: string;
    failOn?: string[];
    maxChanges?: string;
    output?: string;
}

/** `berth review`: its arguments and options, parsed by commander, then checked by reviewArgs. */
export function addReviewCommand(program: Command, io: CliIo, result: CommandResult): void {
    program
        .command("review")
        .summary("a Markdown report of what pulumi preview --json would change, per stack")
        .description("Write a Markdown report of the changes previewed for one or several stacks.")
        .argument("[previews...]", "preview files, each optionally labelled label=file.json; - reads stdin")
        .option("--stack <label>", 'label for the preview read from stdin (default: the stack named in the preview, else "stdin")')
        .option("--fail-on <rules>", "comma-separated: create, update, replace, delete, stateful-delete, any; exit 1 when a change matches (the report is still written); may repeat", collect)
        .option("--max-changes <n>", "at most n change lines per stack, those needing attention first (PR comments have a size limit)")
        .option("-o, --output <file>", "write the report to this file instead of stdout")
        .addHelpText("after", helpDetails)
        .action(async (previews: string[], options: ReviewOptions, command: Command) => {
            let args: ReviewArgs;
            try {
                args = reviewArgs(previews, options);
            } catch (error) {
                io.stderr(`berth review: ${(error as Error).message}\n\n${command.helpInformation()}`);
                result.code = exitCodes.usage;
                return;
            }
            result.code = await runReview(args, io);
        });
}

/** Each --fail-on adds to the list. */
function collect(value: string, previous: string[] | undefined): string[] {
    return [...(previous ?? []), value];
}

/** Checks the parsed arguments of `berth review`; throws an Error whose message says what is wrong. */
export function reviewArgs(previews: string[], options: ReviewOptions): ReviewArgs {
    const failOn = (options.failOn ?? []).flatMap(parseFailOn);
    let maxChanges: number | undefined;
    if (options.maxChanges !== undefined) {
        maxChanges = Number(options.maxChanges);
        if (!Number.isInteger(maxChanges) || maxChanges < 1) {
            throw new Error(`--max-changes must be a whole number of at least 1 (got "${options.maxChanges}")`);
        }
    }

    const sources = previews.map(readSource);
    if (sources.length === 0) {
        sources.push({ path: "-", fallbackLabel: "stdin" });
    }
    if (options.stack !== undefined) {
        const stdin = sources.filter((source) => source.path === "-");
        if (stdin.length !== 1 || stdin[0].label !== undefined) {
            throw new Error("--stack labels the preview read from stdin; label files as label=file.json");
        }
        stdin[0].label = options.stack;
    }
    if (sources.filter((source) => source.path === "-").length > 1) {
        throw new Error("stdin can be read only once");
    }
    return { sources, failOn: [...new Set(failOn)], maxChanges, output: options.output };
}

/** `prod=prod.json`, `prod.json` or `-`. A path holding "=" can be given as `label=path`. */
function readSource(argument: string): PreviewSource {
    const equals = argument.indexOf("=");
    const label = equals > 0 ? argument.slice(0, equals) : undefined;
    const file = equals > 0 ? argument.slice(equals + 1) : argument;
    if (file === "") {
        throw new Error(`"${argument}": no file after "="`);
    }
    return { path: file, label, fallbackLabel: file === "-" ? "stdin" : path.basename(file).replace(/\.json$/i, "") };
}

/**
 * `berth review`: reads each preview, reviews it, writes the report and
 * returns the exit status. Errors are reported on stderr; the report goes to
 * stdout or --output.
 */
export async function runReview(args: ReviewArgs, io: CliIo): Promise<number> {
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
