/*
 * One line of a replica's log, as Docker (timestamps=1) and Kubernetes
 * (timestamps=true) write it: an RFC 3339 timestamp with up to nine
 * fractional digits, a space, the text. Lines of several replicas are merged
 * by that timestamp.
 */

export interface LogLine {
    /** Which replica (and container) wrote it: `shop-api-0`, `web-5d8f-x2x9z/app`. */
    source: string;
    /** The engine's timestamp as written, e.g. `2026-01-02T03:04:05.123456789Z`; "" when the line had none. */
    timestamp: string;
    /** Sorts in time order (fixed width), whatever the number of fractional digits. */
    sortKey: string;
    text: string;
}

const stamped = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) (.*)$/s;

/** Splits `<timestamp> <text>`; a line without a timestamp sorts first and keeps its text. */
export function parseLogLine(source: string, line: string): LogLine {
    const match = stamped.exec(line);
    if (match === null) {
        return { source, timestamp: "", sortKey: "", text: line };
    }
    const [, seconds, fraction = "", zone, text] = match;
    const epochMs = Date.parse(`${seconds}${zone}`);
    const sortKey = `${String(epochMs).padStart(15, "0")}.${fraction.padEnd(9, "0")}`;
    return { source, timestamp: `${seconds}${fraction ? `.${fraction}` : ""}${zone}`, sortKey, text };
}

/** Lines in time order; lines with equal times keep the order they were read in. */
export function inTimeOrder(lines: LogLine[]): LogLine[] {
    return lines
        .map((line, index) => ({ line, index }))
        .sort((a, b) => (a.line.sortKey < b.line.sortKey ? -1 : a.line.sortKey > b.line.sortKey ? 1 : a.index - b.index))
        .map(({ line }) => line);
}

/** Cuts a stream of text chunks into lines; the last, unterminated part waits for the next chunk or the end. */
export class LineSplitter {
    private pending = "";

    constructor(private readonly emit: (line: string) => void) {}

    push(chunk: string): void {
        const parts = (this.pending + chunk).split("\n");
        this.pending = parts.pop() ?? "";
        for (const part of parts) {
            this.emit(part.replace(/\r$/, ""));
        }
    }

    end(): void {
        if (this.pending !== "") {
            this.emit(this.pending);
            this.pending = "";
        }
    }
}
