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
            const lines = `${heading}${text}`.split("\n").map((line) => `${line}${clearLineEnd}`);
            io.stdout(`${reading === 0 ? clearScreen : ""}${home}${lines.join("\n")}${clearBelow}`);
        } else {
            io.stdout(reading === 0 || !inPlace ? text : `\n${text}`);
        }
        await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    }
    return code;
}
