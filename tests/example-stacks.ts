import * as path from "path";
import { ProgramRun, runProgram, stackRunOptions } from "../components/testing";

/*
 * The examples and their stacks, as the example tests and the judges
 * (tests/judges/) run them: each example's compiled program under berth's
 * mocks, with the config of its Pulumi.<stack>.yaml.
 */

export const repoRoot = path.join(__dirname, "..", "..");

export interface Example {
    name: string;
    /** Where Pulumi.yaml and the stack files are. */
    projectDir: string;
    /** Its stacks (Pulumi.<stack>.yaml); listed, so a scratch stack file never becomes a test. */
    stacks: string[];
    /** Stand-ins for encrypted or required secret config, per stack. */
    secrets: Record<string, Record<string, string>>;
}

/** What the examples' secret config is set to in tests: no real secret, and easy to search for. */
export const standIn = "stand-in-secret-7c1e9a";

export const examples: Example[] = [
    { name: "shop", projectDir: repoRoot, stacks: ["dev", "prod"], secrets: { prod: { apiToken: standIn } } },
    { name: "hello", projectDir: path.join(repoRoot, "examples", "hello"), stacks: ["dev"], secrets: {} },
    { name: "web-redis", projectDir: path.join(repoRoot, "examples", "web-redis"), stacks: ["dev"], secrets: { dev: { cachePassword: standIn } } },
    { name: "multi-env", projectDir: path.join(repoRoot, "examples", "multi-env"), stacks: ["dev", "prod", "staging"], secrets: {} },
    { name: "build", projectDir: path.join(repoRoot, "examples", "build"), stacks: ["dev", "prod"], secrets: {} },
    { name: "voting", projectDir: path.join(repoRoot, "examples", "voting"), stacks: ["dev", "prod"], secrets: { dev: { dbPassword: standIn }, prod: { dbPassword: standIn } } },
];

/** The example of that name. */
export function exampleNamed(name: string): Example {
    const found = examples.find((e) => e.name === name);
    if (!found) {
        throw new Error(`no example named ${name}`);
    }
    return found;
}

/** Runs an example's compiled program for one stack. */
export function runExample(example: Example, stack: string): Promise<ProgramRun<Record<string, unknown>>> {
    const program = require(path.join(__dirname, "..", "examples", example.name, "index.js")) as () => Record<string, unknown>;
    return runProgram(program, stackRunOptions(example.projectDir, stack, example.secrets[stack] ?? {}));
}
