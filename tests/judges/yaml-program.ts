import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import * as berth from "../../components";

/*
 * A Pulumi YAML program of berth components, declared the way berth's
 * component provider declares them for the engine (provider/: the same
 * classes, the same args), so the judges see the YAML example's Kubernetes
 * objects too. It knows what the examples use: `berth:index:<Component>`
 * resources in dependency order, whose properties name other resources
 * (`${name}`, `${name.output}`) or the program's config (`${key}`); anything
 * else is refused rather than guessed at.
 */

type Components = Record<string, new (name: string, args: never) => pulumi.ComponentResource>;

const components: Components = {
    AppNetwork: berth.AppNetwork,
    AppConfig: berth.AppConfig,
    ContainerApp: berth.ContainerApp,
    AutoscalingPolicy: berth.AutoscalingPolicy,
} as unknown as Components;

interface YamlProject {
    config?: Record<string, { secret?: boolean }>;
    resources?: Record<string, { type: string; properties?: Record<string, unknown> }>;
}

/** The program of a YAML project directory, to run under berth's mocks (berth/testing runProgram). */
export function yamlProgram(projectDir: string): () => void {
    const project = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as YamlProject;
    return () => {
        const config = new pulumi.Config();
        const declared = new Map<string, pulumi.ComponentResource>();
        const resolve = (value: unknown): unknown => {
            if (typeof value === "string") {
                const reference = /^\$\{([-\w]+)(?:\.(\w+))?\}$/.exec(value);
                if (!reference) {
                    if (value.includes("${")) throw new Error(`${projectDir}: cannot resolve ${value}`);
                    return value;
                }
                const [, name, output] = reference;
                const resource = declared.get(name);
                if (resource) {
                    return output === undefined ? resource : (resource as unknown as Record<string, unknown>)[output];
                }
                if (output === undefined && project.config?.[name]) {
                    return project.config[name].secret ? config.requireSecret(name) : config.require(name);
                }
                throw new Error(`${projectDir}: ${value} names no resource declared before it, nor config`);
            }
            if (Array.isArray(value)) return value.map(resolve);
            if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
            return value;
        };
        for (const [name, resource] of Object.entries(project.resources ?? {})) {
            const kind = /^berth:index:(\w+)$/.exec(resource.type)?.[1];
            const component = kind === undefined ? undefined : components[kind];
            if (!component) throw new Error(`${projectDir}: resource ${name} is a ${resource.type}, not a berth component`);
            declared.set(name, new component(name, resolve(resource.properties ?? {}) as never));
        }
    };
}
