import { Since } from "./since";
import { LogLine } from "./log-line";

/*
 * What `berth logs` asks each engine for, and what a reader of one target
 * gives back: lines as they are read, and the replicas it could not read.
 */

export interface LogRequest {
    follow: boolean;
    since?: Since;
    /** At most this many lines per replica (and container), the last ones. */
    tail?: number;
    now: Date;
    /** Aborted when the user interrupts --follow. */
    signal: AbortSignal;
}

/** Reads the logs of one workload's replicas: calls onLine for each line, resolves with what it could not read. */
export type LogReader = (request: LogRequest, onLine: (line: LogLine) => void) => Promise<string[]>;
