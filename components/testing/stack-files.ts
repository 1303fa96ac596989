import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { RunOptions } from "./run-program";

/**
 * Run options for one stack of a Pulumi project on disk: its project name,
 * stack name, the config of Pulumi.<stack>.yaml, and the project directory to
 * run in. Encrypted (`secure:`)
 * values cannot be read without the CLI, so tests pass stand-ins in
 * `secrets`; every secret key, stand-in or not, is marked secret.
 */
export function stackRunOptions(projectDir: string, stack: string, secrets: Record<string, string> = {}): RunOptions {
    const project = readYaml(path.join(projectDir, "Pulumi.yaml")).name as string;
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    const stackConfig = (readYaml(stackFile).config ?? {}) as Record<string, unknown>;
    const qualify = (key: string) => (key.includes(":") ? key : `${project}:${key}`);

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(stackConfig)) {
        const fullKey = qualify(key);
        if (isSecure(value)) {
            secretKeys.push(fullKey);
            continue;
        }
        config[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
    }
    for (const [key, value] of Object.entries(secrets)) {
        config[qualify(key)] = value;
        secretKeys.push(qualify(key));
    }
    const missing = secretKeys.filter((key) => config[key] === undefined);
    if (missing.length > 0) {
        throw new Error(`${stackFile}: pass stand-ins for the encrypted keys ${missing.join(", ")}`);
    }
    return { project, stack, config, secretKeys: [...new Set(secretKeys)], cwd: projectDir };
}

/** Stacks of a project: the names of its Pulumi.<stack>.yaml files, sorted. */
export function projectStacks(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

function readYaml(file: string): Record<string, unknown> {
    return (parse(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}
