import * as path from "path";
import { Command } from "commander";
import { CliIo } from "../io";
import { EngineOverrides } from "./engine-settings";
import { ExportedState, readExportedState } from "./exported-state";
import { exportStack } from "./pulumi-stack";

/*
 * The options `berth status` and `berth logs` share: which stack (read with
 * `pulumi stack export` in the project directory, or from a file), and which
 * engine when the state's own settings do not fit where berth runs.
 */

/** The shared options as commander parses them. */
export interface StackOptions {
    stack?: string[];
    cwd?: string;
    state?: string;
    dockerHost?: string;
    kubeconfig?: string;
    context?: string;
}

/** Adds the shared options to a command; `manyStacks` lets --stack repeat. */
export function addStackOptions(command: Command, manyStacks: boolean): Command {
    return command
        .option("-s, --stack <name>", manyStacks ? "a stack of the project (may repeat; default: the current stack)" : "a stack of the project (default: the current stack)", collectStacks, undefined)
        .option("-C, --cwd <dir>", "the Pulumi project directory (default: the current directory)")
        .option("--state <file>", "read the stack's state from this file (what `pulumi stack export` wrote; - for stdin) instead of running pulumi")
        .option("--docker-host <url>", "the Docker engine to read, instead of the stack's docker:host (unix:///..., tcp://...)")
        .option("--kubeconfig <file>", "the kubeconfig to use, instead of the stack's kubernetes:kubeconfig")
        .option("--context <name>", "the kubeconfig context to use, instead of the stack's kubernetes:context");
}

function collectStacks(value: string, previous: string[] | undefined): string[] {
    return [...(previous ?? []), value];
}

export function engineOverrides(options: StackOptions): EngineOverrides {
    return { dockerHost: options.dockerHost, kubeconfig: options.kubeconfig, context: options.context };
}

/** The stacks asked for: each --stack, or the current one (undefined); a --state file is one stack. */
export function stacksAskedFor(options: StackOptions): Array<string | undefined> {
    if (options.state !== undefined && (options.stack?.length ?? 0) > 1) {
        throw new Error("--state holds one stack's state: give at most one --stack with it");
    }
    return options.stack === undefined || options.stack.length === 0 ? [undefined] : options.stack;
}

/** Reads one stack's state: from --state, else `pulumi stack export` in the project directory. */
export async function readStackState(io: CliIo, options: StackOptions, stack: string | undefined): Promise<ExportedState> {
    if (options.state !== undefined) {
        const text = options.state === "-" ? await io.readStdin() : await io.readFile(options.state);
        return readExportedState(text, options.state === "-" ? "stdin" : options.state, stack);
    }
    const cwd = path.resolve(io.cwd?.() ?? process.cwd(), options.cwd ?? ".");
    const text = await exportStack(stack, cwd, io.env ?? process.env);
    return readExportedState(text, `the state of stack ${stack ?? "(current)"}`, stack);
}
