import { ResourceGraph, runProgram } from "../components/testing";
import { SystemOptions, benchApp, defaultSystem } from "./bench-app";
import { BenchTarget, Variant, stackConfig, systemProgram } from "./systems";

/**
 * Checks that the hand-written programs are a fair equivalent of berth: the
 * same provider resources, by type and name, with the same inputs (secrets
 * compared as secrets), and no secret in plaintext in either. The config-hash
 * annotation is compared by shape only: berth's and the careful user's are
 * computed the same way (SHA-256, scrypt for the secret) but not byte for byte.
 */
export async function fairnessProblems(target: BenchTarget, options: SystemOptions = defaultSystem, apps = 3): Promise<string[]> {
    const berth = await providerResources("berth", target, options, apps);
    const raw = await providerResources("raw", target, options, apps);
    const problems: string[] = [];
    for (const [key, inputs] of berth.resources) {
        if (!raw.resources.has(key)) {
            problems.push(`${target}: berth creates ${key}, the hand-written program does not`);
        } else if (inputs !== raw.resources.get(key)) {
            problems.push(`${target}: ${key} differs: ${firstDifference(inputs, raw.resources.get(key)!)}`);
        }
    }
    for (const key of raw.resources.keys()) {
        if (!berth.resources.has(key)) {
            problems.push(`${target}: the hand-written program creates ${key}, berth does not`);
        }
    }
    return [...problems, ...berth.leaks, ...raw.leaks];
}

interface ProviderResources {
    /** type::name -> inputs as stable JSON, secrets shown as "[secret]". */
    resources: Map<string, string>;
    leaks: string[];
}

async function providerResources(variant: Variant, target: BenchTarget, options: SystemOptions, apps: number): Promise<ProviderResources> {
    const program = systemProgram(variant, target);
    const { graph } = await runProgram(() => program(apps, options), { config: stackConfig(target) });
    const secrets = Array.from({ length: apps }, (_, index) => benchApp(index).secret.value);
    const leaks = leakProblems(variant, target, graph, secrets);
    const resources = new Map<string, string>();
    for (const resource of graph.snapshot()) {
        if (!resource.type.startsWith("berth:")) {
            resources.set(`${resource.type}::${resource.name}`, JSON.stringify(withHashShape(resource.inputs), null, 1));
        }
    }
    return { resources, leaks };
}

function leakProblems(variant: Variant, target: BenchTarget, graph: ResourceGraph, secrets: string[]): string[] {
    return graph.plaintextLeaks(secrets).map((leak) => `${target}: ${variant} has a secret in plaintext at ${leak.resource} ${leak.path}`);
}

const hashAnnotation = "berth.dev/config-hash";

/** Replaces a config-hash annotation by its shape, so two correct hashes compare equal and a missing or malformed one does not. */
function withHashShape(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(withHashShape);
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        out[key] = key === hashAnnotation && typeof item === "string" && /^[0-9a-f]{64}$/.test(item) ? "<sha-256 hex>" : withHashShape(item);
    }
    return out;
}

function firstDifference(berth: string, raw: string): string {
    const berthLines = berth.split("\n");
    const rawLines = raw.split("\n");
    const line = berthLines.findIndex((text, index) => text !== rawLines[index]);
    return `berth ${berthLines[line]?.trim()} / by hand ${rawLines[line]?.trim()} (line ${line + 1})`;
}
