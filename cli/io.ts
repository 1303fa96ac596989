import { promises as fs } from "fs";

/* Where the `berth` command reads and writes, and what its exit status means. */

/** Exit status: nothing blocks; a --fail-on rule matched; bad arguments or unreadable input. */
export const exitCodes = { ok: 0, blocked: 1, usage: 2 } as const;

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
    readFile(path: string): Promise<string>;
    readStdin(): Promise<string>;
    writeFile(path: string, text: string): Promise<void>;
    stdout(text: string): void;
    stderr(text: string): void;
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
};
