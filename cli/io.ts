import { promises as fs } from "fs";

/* Where the `berth` command reads and writes, and what its exit status means. */

/** Exit status: nothing blocks; a --fail-on rule matched; bad arguments or unreadable input. */
export const exitCodes = { ok: 0, blocked: 1, usage: 2 } as const;

/** The terminal stdout writes to. */
export interface Terminal {
    columns: number;
    rows: number;
}

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
    readFile(path: string): Promise<string>;
    readStdin(): Promise<string>;
    writeFile(path: string, text: string): Promise<void>;
    stdout(text: string): void;
    stderr(text: string): void;
    /** The terminal stdout is, or undefined when it is piped or a file. */
    terminal?(): Terminal | undefined;
    /** The environment (DOCKER_HOST, KUBECONFIG, NO_COLOR, the Pulumi backend); default process.env. */
    env?: NodeJS.ProcessEnv;
    /** The directory berth was run in (the Pulumi project); default process.cwd(). */
    cwd?(): string;
    /** The clock ages are measured against; default the system's. */
    now?(): Date;
    /** A signal aborted when the user interrupts (Ctrl-C): --watch and --follow stop then. */
    interrupted?(): AbortSignal;
}

export const nodeIo: CliIo = {
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
    terminal: () => (process.stdout.isTTY ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined),
    env: process.env,
    cwd: () => process.cwd(),
    now: () => new Date(),
    interrupted: () => {
        const controller = new AbortController();
        process.once("SIGINT", () => controller.abort());
        return controller.signal;
    },
};
