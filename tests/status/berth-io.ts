import { CliIo, Terminal } from "../../cli/io";
import { EngineRecording } from "./recorded-answers";

/*
 * An in-memory CLI for berth status and logs: the stack's state comes from a
 * recording (as `--state state.json`), stdout and stderr are collected, the
 * clock is fixed, and the terminal is whatever the test says.
 */

export interface CollectedIo {
    io: CliIo;
    out: { stdout: string; stderr: string };
}

export function recordingIo(recording: EngineRecording, options: { now?: Date; terminal?: Terminal; env?: NodeJS.ProcessEnv; interrupt?: AbortSignal } = {}): CollectedIo {
    const out = { stdout: "", stderr: "" };
    const io: CliIo = {
        readFile: async (file) => {
            if (file !== "state.json") {
                throw new Error(`ENOENT: no such file ${file}`);
            }
            return JSON.stringify(recording.state);
        },
        readStdin: async () => "",
        writeFile: async () => undefined,
        stdout: (text) => {
            out.stdout += text;
        },
        stderr: (text) => {
            out.stderr += text;
        },
        terminal: () => options.terminal,
        env: options.env ?? {},
        cwd: () => "/nonexistent-project",
        now: () => options.now ?? new Date(new Date(recording.recordedAt).getTime() + 5 * 60_000),
        interrupted: () => options.interrupt ?? new AbortController().signal,
    };
    return { io, out };
}

/** Removes colour and cursor escapes, to measure and match what a terminal shows. */
export function visible(text: string): string {
    return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}
