import * as path from "path";
import { parseArgs } from "util";
import { parseUrn } from "../../shared/urn";
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
    help: boolean;
}

export const usage = `Usage: berth review [options] [label=]preview.json ...
       pulumi preview --json | berth review [options] [--stack label]

Reads what \`pulumi preview --json\` printed for one or several stacks and writes
a Markdown report: a summary table per stack, then the changes grouped by berth
component, each with a one-line reason. Values are never printed (secrets show
as changed); "-" reads stdin.

Options:
  --stack <label>       label for the preview read from stdin
                        (default: the stack named in the preview, else "stdin")
  --fail-on <rules>     comma-separated: create, update, replace, delete,
                        stateful-delete, any; exit 1 when a change matches
                        (the report is still written)
  --max-changes <n>     at most n change lines per stack, those needing
                        attention first (PR comments have a size limit)
  -o, --output <file>   write the report to this file instead of stdout
  -h, --help            show this help

Exit status: 0 nothing blocks, 1 a --fail-on rule matched, 2 bad arguments or input.`;

/** Parses the arguments after `berth review`; throws an Error whose message says what is wrong. */
export function parseReviewArgs(argv: string[]): ReviewArgs {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
            stack: { type: "string" },
            "fail-on": { type: "string", multiple: true },
            "max-changes": { type: "string" },
            output: { type: "string", short: "o" },
            help: { type: "boolean", short: "h" },
        },
    });

    const failOn = (values["fail-on"] ?? []).flatMap(parseFailOn);
    let maxChanges: number | undefined;
    if (values["max-changes"] !== undefined) {
        maxChanges = Number(values["max-changes"]);
        if (!Number.isInteger(maxChanges) || maxChanges < 1) {
            throw new Error(`--max-changes must be a whole number of at least 1 (got "${values["max-changes"]}")`);
        }
    }

    const sources = positionals.map(readSource);
    if (sources.length === 0) {
        sources.push({ path: "-", fallbackLabel: "stdin" });
    }
    if (values.stack !== undefined) {
        const stdin = sources.filter((source) => source.path === "-");
        if (stdin.length !== 1 || stdin[0].label !== undefined) {
            throw new Error("--stack labels the preview read from stdin; label files as label=file.json");
        }
        stdin[0].label = values.stack;
    }
    if (sources.filter((source) => source.path === "-").length > 1) {
        throw new Error("stdin can be read only once");
    }
    return { sources, failOn: [...new Set(failOn)], maxChanges, output: values.output, help: values.help === true };
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
 * `berth review ...` (the arguments after "review"): reads each preview,
 * reviews it, writes the report and returns the exit status. Errors are
 * reported on stderr; the report goes to stdout or --output.
 */
export async function runReview(argv: string[], io: CliIo): Promise<number> {
    let args: ReviewArgs;
    try {
        args = parseReviewArgs(argv);
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
