import * as pulumi from "@pulumi/pulumi";
import { resetClaims } from "../validation/claims";
import { resetWorkloadRoster } from "../validation/workload-roster";
import { RecordingMocks, setupMocks } from "./mocks";
import { ResourceGraph } from "./graph";

export interface RunOptions {
    /** Project name the program sees (pulumi.getProject()). @default "berth-test" */
    project?: string;
    /** Stack name the program sees (pulumi.getStack()). @default "test" */
    stack?: string;
    /** Stack config, e.g. { "berth:target": "kubernetes" }. Replaces all config for this run. */
    config?: Record<string, string>;
    /** Config keys that are secrets (read with requireSecret). */
    secretKeys?: string[];
    /**
     * The directory the program runs in, as Pulumi runs a program in its
     * project directory (relative paths, such as a build context, are read from it).
     * @default the current directory
     */
    cwd?: string;
}

export interface ProgramRun<T> {
    /** What the program returned (its exports). */
    result: T;
    /** The resources it registered. */
    graph: ResourceGraph;
    /** Warnings the program logged (capability warnings among them). */
    warnings: string[];
}

/**
 * Runs a Pulumi program under berth's recording mocks and returns what it
 * registered once every registration has settled. A program that throws
 * rejects with that error; runs do not share resources or config.
 */
export async function runProgram<T>(program: () => T | Promise<T>, options: RunOptions = {}): Promise<ProgramRun<T>> {
    const mocks: RecordingMocks = setupMocks({ project: options.project, stack: options.stack });
    mocks.resources = [];
    resetClaims();
    resetWorkloadRoster();
    pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys);

    const warnings: string[] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => {
        warnings.push(args.map(String).join(" ").replace(/^warning: \[runtime\] /, ""));
    };
    // Errors raised while children are registered (after the program's synchronous
    // part) surface as rejections, the way the Pulumi engine would report them.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);
    const originalCwd = process.cwd();
    if (options.cwd !== undefined) {
        process.chdir(options.cwd);
    }
    try {
        let result: T;
        try {
            result = await program();
        } catch (error) {
            // Let what the program registered before it threw land in this run, not the next one.
            await settle(mocks);
            throw error;
        }
        await settle(mocks);
        if (failures.length > 0) {
            throw failures[0];
        }
        return { result, graph: new ResourceGraph(mocks.resources), warnings };
    } finally {
        console.warn = originalWarn;
        process.off("unhandledRejection", onRejection);
        process.chdir(originalCwd);
    }
}

/** Pulumi's own "RPC queue drained" wait; exported at run time though marked internal in its typings. */
const waitForRPCs: () => Promise<void> = (pulumi.runtime as unknown as { waitForRPCs: () => Promise<void> }).waitForRPCs;

/** Waits until no registration is pending and none has appeared for a few turns of the event loop. */
async function settle(mocks: RecordingMocks): Promise<void> {
    let seen = -1;
    let quietTurns = 0;
    while (quietTurns < 3) {
        await new Promise((resolve) => setImmediate(resolve));
        await waitForRPCs();
        if (mocks.resources.length === seen) {
            quietTurns++;
        } else {
            seen = mocks.resources.length;
            quietTurns = 0;
        }
    }
}
