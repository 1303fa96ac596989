import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { ResourceGraph } from "../../components/testing";
import { examples, runExample } from "../example-stacks";

/*
 * Writes the Kubernetes objects of every example's Kubernetes stacks as
 * manifests, one YAML file per stack, for the judges (tests/judges/run):
 * checkov and kubernetes-validate read what berth would send the API server.
 * The objects are the programs' registrations under berth's mocks
 * (berth/testing), with the examples' stand-in secrets.
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

async function main(outDir: string): Promise<void> {
    fs.mkdirSync(outDir, { recursive: true });
    for (const example of examples) {
        for (const stack of example.stacks) {
            const objects = manifests((await runExample(example, stack)).graph);
            if (objects.length === 0) {
                continue; // a Docker stack
            }
            const file = path.join(outDir, `${example.name}-${stack}.yaml`);
            fs.writeFileSync(file, objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n"));
            console.log(`${path.basename(file)}: ${objects.length} objects`);
        }
    }
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
