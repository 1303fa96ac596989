import { LogLine, inTimeOrder } from "./log-line";

/*
 * Writes the merged lines of every replica: `<replica> | <text>`, the
 * replica's name padded and, on a terminal, coloured per replica. Without
 * --follow every line is read first and written in time order. With it,
 * lines are held for a moment (holdMs) and written in time order within that
 * window, so replicas that write at once interleave by time rather than by
 * which answer came first.
 */

const palette = ["\x1b[36m", "\x1b[33m", "\x1b[32m", "\x1b[35m", "\x1b[34m", "\x1b[91m"];
const reset = "\x1b[0m";

export interface PrinterOptions {
    color: boolean;
    timestamps: boolean;
    /** Hold lines this long before writing them (--follow); 0: write nothing until flushAll. */
    holdMs: number;
}

export class LogPrinter {
    private held: Array<{ line: LogLine; at: number }> = [];
    private readonly colors = new Map<string, string>();
    private width = 0;
    private timer: NodeJS.Timeout | undefined;

    constructor(
        private readonly write: (text: string) => void,
        private readonly options: PrinterOptions,
    ) {
        if (options.holdMs > 0) {
            this.timer = setInterval(() => this.flush(Date.now() - options.holdMs), Math.max(20, options.holdMs / 3));
        }
    }

    add(line: LogLine): void {
        this.held.push({ line, at: Date.now() });
    }

    /** Writes everything still held, in time order, and stops the timer. */
    flushAll(): void {
        if (this.timer !== undefined) {
            clearInterval(this.timer);
            this.timer = undefined;
        }
        this.flush(Number.POSITIVE_INFINITY);
    }

    /** Writes, in time order, the held lines read before `before`, up to the first one read later. */
    private flush(before: number): void {
        if (this.held.length === 0) {
            return;
        }
        const ordered = inTimeOrder(this.held.map((h) => h.line));
        const arrival = new Map(this.held.map((h) => [h.line, h.at]));
        let count = 0;
        while (count < ordered.length && arrival.get(ordered[count])! <= before) {
            count++;
        }
        const ready = ordered.slice(0, count);
        this.held = ordered.slice(count).map((line) => ({ line, at: arrival.get(line)! }));
        this.width = Math.max(this.width, ...ready.map((l) => l.source.length));
        this.write(ready.map((line) => `${this.prefix(line.source)} | ${this.options.timestamps && line.timestamp ? `${line.timestamp} ` : ""}${line.text}\n`).join(""));
    }

    private prefix(source: string): string {
        const padded = source.padEnd(this.width);
        if (!this.options.color) {
            return padded;
        }
        if (!this.colors.has(source)) {
            this.colors.set(source, palette[this.colors.size % palette.length]);
        }
        return `${this.colors.get(source)}${padded}${reset}`;
    }
}
