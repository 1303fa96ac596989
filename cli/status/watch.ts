import { setTimeout as sleep } from "timers/promises";
import { CliIo } from "../io";
import { StackStatus, exitStatusOf } from "./workload-status";

/*
 * `berth status --watch`: reads and shows the status again every interval
 * until interrupted. On a terminal each reading redraws the screen in place
 * (cursor home, every line cleared to its end, the rest of the screen
 * cleared), like watch(1); piped, or as JSON, readings follow one another.
 */

const home = "\x1b[H";
const clearScreen = "\x1b[2J";
const clearLineEnd = "\x1b[K";
const clearBelow = "\x1b[J";

/** Runs until the io's interrupt signal; returns the exit status of the last reading. */
export async function watch(
    io: CliIo,
    read: () => Promise<StackStatus[]>,
    render: (statuses: StackStatus[], now: Date) => string,
    intervalMs: number,
    inPlace: boolean,
): Promise<number> {
    const signal = io.interrupted?.() ?? new AbortController().signal;
    const redraw = inPlace && io.terminal?.() !== undefined;
    let code: number = 0;
    for (let reading = 0; !signal.aborted; reading++) {
        const statuses = await read();
        const now = io.now?.() ?? new Date();
        code = exitStatusOf(statuses);
        const text = render(statuses, now);
        if (redraw) {
            const heading = `Every ${intervalMs / 1000}s: berth status · ${now.toLocaleTimeString()}   (Ctrl-C to stop)\n\n`;
            const columns = io.terminal?.()?.columns ?? Number.POSITIVE_INFINITY;
            // A line that wrapped would push the next reading down the screen: each is cut to the width.
            const lines = `${heading}${text}`.split("\n").map((line) => `${cut(line, columns)}${clearLineEnd}`);
            io.stdout(`${reading === 0 ? clearScreen : ""}${home}${lines.join("\n")}${clearBelow}`);
        } else {
            io.stdout(reading === 0 || !inPlace ? text : `\n${text}`);
        }
        await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    }
    return code;
}

/** The line cut to `columns` visible characters (colour escapes take none), ending in "…" when cut. */
export function cut(line: string, columns: number): string {
    let visible = 0;
    let out = "";
    for (let i = 0; i < line.length; i++) {
        const escape = /^\x1b\[[0-9;]*m/.exec(line.slice(i));
        if (escape !== null) {
            out += escape[0];
            i += escape[0].length - 1;
            continue;
        }
        if (visible === columns - 1 && visibleLength(line.slice(i)) > 1) {
            return `${out}…\x1b[0m`;
        }
        out += line[i];
        visible++;
    }
    return out;
}

function visibleLength(text: string): number {
    return text.replace(/\x1b\[[0-9;]*m/g, "").length;
}
