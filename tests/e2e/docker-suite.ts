import * as assert from "assert";
import { buildTestImages, docker, ensureDockerPlugin, inspect, leftoversOf, LocalDocker, removeLeftovers } from "./docker-engine";
import type { E2EStack, PreviewJson } from "./stack";
import { useBuiltTools } from "./tools";

/**
 * What a Docker e2e suite does around its stacks: an engine checked free of a
 * stack's network before, swept after, and the checks every step ends with.
 */

/**
 * What every Docker suite's before() starts with: the tools bootstrap built,
 * the Docker plugin installed, a dockerd (started here if none answers: stop
 * it in after() with stopIfStartedHere) and the test images.
 */
export function readyLocalDocker(): LocalDocker {
    useBuiltTools();
    ensureDockerPlugin();
    const engine = LocalDocker.ensure();
    buildTestImages();
    return engine;
}

/** A stack would collide with containers of the same names that someone else made (e.g. `npm run dev`'s shop). */
export function expectNothingOf(network: string): void {
    const found = leftoversOf(network);
    if (found.length > 0) {
        throw new Error(`the engine already holds ${found.join(", ")}: destroy the stack that made them (npm run dev's: pulumi destroy --stack dev) first`);
    }
}

/**
 * Destroys and removes the stack if a test has not; then removes whatever of
 * the network is still there. Only for a describe whose before() found the
 * engine free of the network: what was there before belongs to someone else.
 */
export async function disposeAndSweep(stack: E2EStack | undefined, network: string): Promise<void> {
    try {
        await stack?.dispose();
    } finally {
        removeLeftovers(network);
    }
}

export function expectRunningAndHealthy(containers: string[]): void {
    const states = containers.map((c) => `${c}: ${inspect(c, "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}no health check{{end}}")}`);
    assert.deepStrictEqual(states, containers.map((c) => `${c}: running healthy`));
}

export function expectNoChanges(preview: PreviewJson): void {
    const changed = (preview.steps ?? []).filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}: ${(s.diffReasons ?? []).join(", ")}`);
    assert.deepStrictEqual(changed, []);
}

/** Container ids by name: a changed id means the container was replaced. */
export function idsOf(containers: string[]): Record<string, string> {
    return Object.fromEntries(containers.map((c) => [c, docker("inspect", "--format", "{{.Id}}", c)]));
}
