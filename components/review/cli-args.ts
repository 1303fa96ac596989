import * as path from "path";
import { parseArgs } from "util";
import { FailOnRule, parseFailOn } from "./fail-on";

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
