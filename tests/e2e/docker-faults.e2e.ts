import * as assert from "assert";
import { spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as path from "path";
import { buildImage, buildTestImages, containersOf, docker, ensureDockerPlugin, execIn, inspect, leftoversOf, LocalDocker } from "./docker-engine";
import { disposeAndSweep, expectNoChanges, expectNothingOf, expectRunningAndHealthy, idsOf } from "./docker-suite";
import { stopAtFirstFailure } from "./story";
import { changedOps, E2EStack } from "./stack";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * Faults injected into a berth stack on the local Docker engine, through the
 * real engine and Docker provider (docs/reliability.md, issue 9, part 3): an
 * image that does not exist, a container deleted out of band, an update
 * interrupted by SIGINT. The stack is tests/e2e/projects/faults (network
 * e2e-faults: api ×2 and web mounting one config file, cache without). The
 * steps run in order on one stack and stop at the first failure; each fault
 * ends with the stack converged and a preview reporting no changes.
 */

const network = "e2e-faults";
const api = ["e2e-faults-api-0", "e2e-faults-api-1"];
const cache = "e2e-faults-cache-0";
const web = "e2e-faults-web-0";
const everyContainer = [...api, cache, web];

describe("berth on Docker under injected faults (tests/e2e/projects/faults, real engine, local dockerd)", function () {
    stopAtFirstFailure();
    // A tag no one has built, unique to this run; the fix builds it.
    const missingImage = `berth-test/api:e2e-faults-${randomBytes(4).toString("hex")}`;
    let engine: LocalDocker | undefined;
    let stack: E2EStack | undefined;
    let ours = false;

    before(async function () {
        useBuiltTools();
        ensureDockerPlugin();
        engine = LocalDocker.ensure();
        buildTestImages();
        expectNothingOf(network);
        assert.ok(!imageExists(missingImage), `${missingImage} exists already`);
        ours = true;
        stack = await E2EStack.create(path.join(repoRoot, "tests", "e2e", "projects", "faults"), "dev");
    });

    after(async function () {
        try {
            if (ours) {
                await disposeAndSweep(stack, network);
                spawnSync("docker", ["image", "rm", missingImage], { stdio: "ignore" });
            }
        } finally {
            engine?.stopIfStartedHere();
        }
    });

    // Mocha runs a describe's own tests before its nested describes: every step is in one, in order.
    describe("an image that does not exist, on the first deploy: the api's image a tag never built (no registry answers)", function () {
        it("up fails with an error that names the api and the image, every container it made runs healthy, the state has no pending operation, and refresh changes nothing", async () => {
            await stack!.stack.setConfig("berth-e2e-faults:apiImage", { value: missingImage });
            await assert.rejects(stack!.stack.up({ color: "never" }), (error: Error) => expectPullFailureOf("api", missingImage, error));
            // Pulumi stops starting steps at the first error: how many containers it made depends on timing.
            const made = containersOf(network);
            assert.ok(!made.some((c) => api.includes(c)), `an api container exists: ${made.join(", ")}`);
            expectRunningAndHealthy(made);
            assert.deepStrictEqual(await pendingOperations(stack!), []);
            const refresh = await stack!.stack.refresh({ color: "never" });
            assert.deepStrictEqual(changesOf(refresh.summary.resourceChanges), {});
        });

        it("with the image fixed, up succeeds: two api replicas, the cache and the web run healthy, and the next preview reports no changes", async () => {
            await stack!.stack.setConfig("berth-e2e-faults:apiImage", { value: "berth-test/api:1" });
            await stack!.stack.up({ color: "never" });
            assert.deepStrictEqual(containersOf(network), everyContainer);
            expectRunningAndHealthy(everyContainer);
            expectNoChanges(await stack!.previewJson());
        });
    });

    describe("an image that does not exist, on an update: the api's image set to the tag never built", function () {
        let idsBefore: Record<string, string> = {};

        it("up fails with an error that names the api and the image, and every container stays as it was, running healthy", async () => {
            idsBefore = idsOf(everyContainer);
            await stack!.stack.setConfig("berth-e2e-faults:apiImage", { value: missingImage });
            await assert.rejects(stack!.stack.up({ color: "never" }), (error: Error) => expectPullFailureOf("api", missingImage, error));
            assert.deepStrictEqual(idsOf(everyContainer), idsBefore);
            expectRunningAndHealthy(everyContainer);
        });

        it("the state stays consistent: no pending operations, and refresh changes nothing", async () => {
            assert.deepStrictEqual(await pendingOperations(stack!), []);
            const refresh = await stack!.stack.refresh({ color: "never" });
            assert.deepStrictEqual(changesOf(refresh.summary.resourceChanges), {});
            assert.deepStrictEqual(idsOf(everyContainer), idsBefore);
        });

        it("once the image is built, up succeeds: the api's containers run it, healthy, the others stay, and the next preview reports no changes", async () => {
            buildImage(missingImage, "FROM berth-test/api:1\nLABEL berth.e2e.faults=fixed\n");
            const imageId = docker("image", "inspect", "--format", "{{.Id}}", missingImage);
            await stack!.stack.up({ color: "never" });
            for (const container of api) {
                assert.strictEqual(inspect(container, "{{.Image}}"), imageId, `${container} does not run ${missingImage}`);
            }
            const after = idsOf(everyContainer);
            assert.strictEqual(after[cache], idsBefore[cache]);
            assert.strictEqual(after[web], idsBefore[web]);
            expectRunningAndHealthy(everyContainer);
            expectNoChanges(await stack!.previewJson());
        });
    });

    describe("a container deleted out of band: docker rm -f e2e-faults-api-1", function () {
        const deleted = "e2e-faults-api-1";
        let idsBefore: Record<string, string> = {};

        it("refresh reports it deleted, and nothing else", async () => {
            idsBefore = idsOf(everyContainer);
            docker("rm", "-f", deleted);
            const refresh = await stack!.stack.refresh({ color: "never" });
            assert.deepStrictEqual(changesOf(refresh.summary.resourceChanges), { delete: 1 });
            const containersInState = (await resourcesInState(stack!)).filter((r) => r.type === "docker:index/container:Container").map((r) => r.urn.split("::").pop());
            assert.deepStrictEqual(containersInState.sort(), ["api-0", "cache-0", "web-0"]);
        });

        it("up recreates exactly it, running healthy and equal to its declared twin api-0, and the next preview reports no changes", async () => {
            const up = await stack!.stack.up({ color: "never" });
            assert.deepStrictEqual(changesOf(up.summary.resourceChanges), { create: 1 });
            const after = idsOf(everyContainer);
            assert.notStrictEqual(after[deleted], idsBefore[deleted]);
            for (const container of everyContainer.filter((c) => c !== deleted)) {
                assert.strictEqual(after[container], idsBefore[container], `${container} was touched`);
            }
            expectRunningAndHealthy(everyContainer);
            // api-0 and api-1 are declared alike but for their names.
            assert.deepStrictEqual(declaredShape(deleted), declaredShape("e2e-faults-api-0"));
            assert.strictEqual(execIn(deleted, "cat /etc/faults/faults.conf"), execIn("e2e-faults-api-0", "cat /etc/faults/faults.conf"));
            expectNoChanges(await stack!.previewJson());
        });
    });

    describe("an update interrupted by SIGINT: a new greeting replaces the api and web containers, and pulumi up gets SIGINT once its first step started", function () {
        const greeting = `greeting from the fault suite ${randomBytes(4).toString("hex")}`;
        const replaced = [...api, web];

        it("the engine stops cleanly: the up is canceled, and no pending operation is left that refresh does not clear", async () => {
            await stack!.stack.setConfig("berth-e2e-faults:greeting", { value: greeting });
            assert.deepStrictEqual(changedOps(await stack!.previewJson()), { replace: 3 });

            const interrupt = new AbortController();
            let output = "";
            let firstStep: string | undefined;
            const up = stack!.stack.up({
                color: "never",
                signal: interrupt.signal,
                onOutput: (chunk) => {
                    output += chunk;
                    // The engine prints a step when it starts it; the Automation API sends SIGINT on abort.
                    firstStep ??= /^.*docker:index:Container \S+ (?:deleting original|replacing|creating replacement|deleting|creating)\b.*$/m.exec(output)?.[0];
                    if (firstStep !== undefined && !interrupt.signal.aborted) {
                        interrupt.abort();
                    }
                },
            });
            // The engine reports "update canceled", or, when it stops the program first, that the program exited.
            await assert.rejects(up, /update canceled|Program exited with non-zero exit code/);
            assert.ok(firstStep, "no step had started");
            assert.match(output, /\^C received; cancelling/);

            const pending = await pendingOperations(stack!);
            if (pending.length > 0) {
                await stack!.stack.refresh({ color: "never", clearPendingCreates: true });
            }
            assert.deepStrictEqual(await pendingOperations(stack!), [], `pending after SIGINT: ${JSON.stringify(pending)}`);
        });

        it("the next up completes the change: the new greeting reaches every api and web container, running healthy, the cache stays, and the next preview reports no changes", async () => {
            const cacheBefore = idsOf([cache]);
            const up = await stack!.stack.up({ color: "never" });
            // The interrupted up left work undone, which this one does.
            assert.notDeepStrictEqual(changesOf(up.summary.resourceChanges), {});
            assert.deepStrictEqual(containersOf(network), everyContainer);
            for (const container of replaced) {
                assert.strictEqual(execIn(container, "cat /etc/faults/faults.conf"), `greeting=${greeting}`, container);
            }
            assert.deepStrictEqual(idsOf([cache]), cacheBefore, "the cache uses no config and must stay");
            expectRunningAndHealthy(everyContainer);
            expectNoChanges(await stack!.previewJson());
        });
    });

    describe("after the faults", function () {
        it("destroy leaves no container, network or volume of the stack behind", async () => {
            const disposing = stack!;
            stack = undefined;
            await disposing.dispose();
            assert.deepStrictEqual(leftoversOf(network), []);
        });
    });
});

/**
 * The error a user sees names the app and the image: Pulumi shows the failed
 * resource by type and name (not URN), and berth names an app's image `<app>-image`.
 */
function expectPullFailureOf(app: string, image: string, error: Error): true {
    assert.ok(error.message.includes(`docker:index:RemoteImage (${app}-image):`), error.message);
    assert.ok(error.message.includes(`unable to pull image ${image}`), error.message);
    return true;
}

/** The state's pending operations (left by an interrupted engine), as `pulumi stack export` writes them. */
async function pendingOperations(stack: E2EStack): Promise<unknown[]> {
    return (JSON.parse(await stack.exportedState()) as { deployment: { pending_operations?: unknown[] } }).deployment.pending_operations ?? [];
}

async function resourcesInState(stack: E2EStack): Promise<Array<{ urn: string; type: string }>> {
    return (JSON.parse(await stack.exportedState()) as { deployment: { resources?: Array<{ urn: string; type: string }> } }).deployment.resources ?? [];
}

/** An update's or refresh's resource changes, without the unchanged ones. */
function changesOf(changes: Record<string, number> | undefined): Record<string, number> {
    return Object.fromEntries(Object.entries(changes ?? {}).filter(([op]) => op !== "same"));
}

/** What berth declares of a container, read back from the engine; leaves out what differs by name alone. */
function declaredShape(container: string): unknown {
    const [found] = JSON.parse(docker("inspect", container)) as Array<{
        Id: string;
        Config: Record<string, unknown>;
        HostConfig: Record<string, unknown>;
        NetworkSettings: { Networks: Record<string, { Aliases: string[] | null }> };
    }>;
    const { Image, Env, Labels, Healthcheck, User, Entrypoint, Cmd } = found.Config;
    const { Memory, MemorySwap, MemoryReservation, NanoCpus, CpuShares, RestartPolicy, CapDrop, SecurityOpt, Tmpfs, ReadonlyRootfs, PortBindings } = found.HostConfig;
    const networks = Object.fromEntries(
        Object.entries(found.NetworkSettings.Networks).map(([name, settings]) => [name, (settings.Aliases ?? []).filter((alias) => !found.Id.startsWith(alias)).sort()]),
    );
    return {
        config: { Image, Env, Labels, Healthcheck, User, Entrypoint, Cmd },
        host: { Memory, MemorySwap, MemoryReservation, NanoCpus, CpuShares, RestartPolicy, CapDrop, SecurityOpt, Tmpfs, ReadonlyRootfs, PortBindings },
        networks,
    };
}

function imageExists(image: string): boolean {
    return spawnSync("docker", ["image", "inspect", image], { stdio: "ignore" }).status === 0;
}
