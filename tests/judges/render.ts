import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { ResourceGraph, runProgram, stackRunOptions } from "../../components/testing";
import { examples, repoRoot, runExample, standIn } from "../example-stacks";
import { yamlProgram } from "./yaml-program";

/*
 * Writes the Kubernetes objects of every example's Kubernetes stacks as
 * manifests, one YAML file per stack, for the judges (tests/judges/run):
 * checkov and kubernetes-validate read what berth would send the API server.
 * The objects are the programs' registrations under berth's mocks
 * (berth/testing), with the examples' stand-in secrets; the YAML example
 * runs through yaml-program.ts.
 *
 *   node dist/tests/judges/render.js <out dir>
 */

/** A Kubernetes object as the API server would get it: the provider resource's inputs, which carry apiVersion and kind. */
function manifests(graph: ResourceGraph): Record<string, unknown>[] {
    return graph.resources
        .filter((r) => r.type.startsWith("kubernetes:"))
        .map((r) => graph.inputs(r.type, r.name))
        .sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
}

function objectKey(object: Record<string, any>): string {
    return `${object.kind}/${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
}

/** The YAML example's Kubernetes stack (its only stack file), with a stand-in for its secret. */
const yamlConsumer = { name: "yaml-consumer", projectDir: path.join(repoRoot, "examples", "yaml-consumer"), stack: "kubernetes", secrets: { apiToken: standIn } };

function write(outDir: string, name: string, graph: ResourceGraph): void {
    const objects = manifests(graph);
    if (objects.length === 0) {
        return; // a Docker stack
    }
    const file = path.join(outDir, `${name}.yaml`);
    fs.writeFileSync(file, objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n"));
    console.log(`${path.basename(file)}: ${objects.length} objects`);
}

async function main(outDir: string): Promise<void> {
    fs.mkdirSync(outDir, { recursive: true });
    for (const example of examples) {
        for (const stack of example.stacks) {
            write(outDir, `${example.name}-${stack}`, (await runExample(example, stack)).graph);
        }
    }
    const yaml = await runProgram(yamlProgram(yamlConsumer.projectDir), stackRunOptions(yamlConsumer.projectDir, yamlConsumer.stack, yamlConsumer.secrets));
    write(outDir, `${yamlConsumer.name}-${yamlConsumer.stack}`, yaml.graph);
}

const outDir = process.argv[2];
if (!outDir) {
    console.error("usage: render.js <out dir>");
    process.exit(2);
}
main(outDir).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
});
