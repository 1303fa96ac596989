import * as assert from "assert";
import { spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { buildImage, buildTestImages, containersOf, docker, ensureDockerPlugin, execIn, inspect, leftoversOf, LocalDocker } from "./docker-engine";
import { disposeAndSweep, expectNoChanges, expectNothingOf, expectRunningAndHealthy, idsOf } from "./docker-suite";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * examples/voting's dev stack on the local Docker engine, through the real
 * engine and Docker provider (issue 15): a database that keeps its data, a
 * migration job that writes to it and runs to completion before the apps
 * that depend on it start, an init container, a sidecar in its app's network
 * namespace; a failed job that fails `up` naming its exit code and log, and
 * leaves the rest as it was; a config change that runs the job again. The
 * steps run in order on one stack and stop at the first failure.
 */

const network = "voting";
const projectDir = path.join(repoRoot, "examples", "voting");
const db = "voting-db-0";
const migrate = "voting-migrate-job";
const renderSettings = "voting-result-0.render-settings";
const metrics = "voting-worker-0.metrics";
const services = ["voting-db-0", "voting-redis-0", "voting-result-0", "voting-vote-0", "voting-worker-0"];
const everyContainer = [...services, migrate, renderSettings, metrics].sort();
/** The stand-in migration of Pulumi.dev.yaml, as the stack file has it. */
const migrateCommand = JSON.stringify((parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> }).config["voting:migrateCommand"]);

describe("berth on Docker: stateful apps, jobs, start-up order, init containers and sidecars (examples/voting dev, real engine, local dockerd)", function () {
    stopAtFirstFailure();
    // A database image tag of this run only: the database's image change.
    const newDbImage = `berth-test/cache:e2e-voting-${randomBytes(4).toString("hex")}`;
    let engine: LocalDocker | undefined;
    let stack: E2EStack | undefined;
    let ours = false;

    before(async function () {
        useBuiltTools();
        ensureDockerPlugin();
        engine = LocalDocker.ensure();
        buildTestImages();
        expectNothingOf(network);
        ours = true;
        stack = await E2EStack.create(projectDir, "dev", { "voting:dbPassword": { value: `e2e-db-${randomBytes(8).toString("hex")}`, secret: true } });
    });

    after(async function () {
        try {
            if (ours) {
                await disposeAndSweep(stack, network);
                spawnSync("docker", ["image", "rm", newDbImage], { stdio: "ignore" });
            }
        } finally {
            engine?.stopIfStartedHere();
        }
    });

    it("up runs every service healthy, the migration and the init container to completion (exit 0), the sidecar beside its app", async () => {
        const result = await stack!.stack.up({ color: "never" });
        assert.strictEqual(result.summary.result, "succeeded");
        assert.deepStrictEqual(containersOf(network), everyContainer);
        expectRunningAndHealthy(services);
        assert.strictEqual(inspect(metrics, "{{.State.Status}}"), "running");
        for (const run of [migrate, renderSettings]) {
            assert.strictEqual(inspect(run, "{{.State.Status}} {{.State.ExitCode}}"), "exited 0", run);
        }
    });

    it("in the order dependsOn gives: the database healthy before the migration, the migration done before the worker and the result page, the init container before its app, the queue before the vote page", () => {
        const startOf = (c: string) => timestamp(inspect(c, "{{.State.StartedAt}}"));
        const endOf = (c: string) => timestamp(inspect(c, "{{.State.FinishedAt}}"));
        const order: Array<[string, string, string]> = [
            // Docker keeps only the last health results, so the database's first healthy one is gone by now; the migration reached it (next test).
            [`${db} started`, startOf(db), startOf(migrate)],
            [`${migrate} finished`, endOf(migrate), startOf("voting-worker-0")],
            [`${migrate} finished`, endOf(migrate), startOf("voting-result-0")],
            [`${renderSettings} finished`, endOf(renderSettings), startOf("voting-result-0")],
            ["voting-redis-0 started", startOf("voting-redis-0"), startOf("voting-vote-0")],
        ];
        for (const [first, at, then] of order) {
            assert.ok(at <= then, `${first} at ${at}, yet the next one started at ${then}`);
        }
    });

    it("the migration wrote the schema version into the database, the init container the result page's settings, and the sidecar serves in the worker's network namespace", () => {
        assert.strictEqual(execIn(db, "cat /data/schema"), "1");
        assert.match(docker("logs", migrate), /^schema at version 1$/m);
        assert.strictEqual(execIn("voting-result-0", "cat /data/result.conf"), "database=db:5432");
        assert.match(execIn("voting-worker-0", "wget -q -O - http://localhost:9100/"), /^app: web$/m);
        assert.strictEqual(inspect(metrics, "{{.HostConfig.NetworkMode}}"), `container:${inspect("voting-worker-0", "{{.Id}}")}`);
    });

    it("a second preview after the successful run shows no changes", async () => {
        expectNoChanges(await stack!.previewJson());
    });

    it("the database keeps its data across an image change: the old container is replaced by one on the new image, reading the same volume", async () => {
        assert.strictEqual(execIn("voting-worker-0", 'printf "SET votes 42\\r\\nQUIT\\r\\n" | nc -w 3 db 5432 | head -1 | tr -d "\\r"'), "+OK");
        // An image of its own (a new tag of the same image would be the same image id to Docker).
        buildImage(newDbImage, "FROM berth-test/cache:1\nLABEL berth.e2e=voting\n");
        const before = idsOf(everyContainer);
        await stack!.stack.setConfig("voting:dbImage", { value: newDbImage });
        await stack!.stack.up({ color: "never" });
        const after = idsOf(everyContainer);
        assert.notStrictEqual(after[db], before[db], "the database container was replaced");
        assert.strictEqual(inspect(db, "{{.Image}}"), docker("image", "inspect", "--format", "{{.Id}}", newDbImage));
        assert.strictEqual(execIn(db, 'printf "GET votes\\r\\nQUIT\\r\\n" | nc -w 3 127.0.0.1 5432 | sed -n 2p | tr -d "\\r"'), "42");
        assert.strictEqual(after[migrate], before[migrate], "the migration did not run again: nothing of its own changed");
        expectRunningAndHealthy(services);
        expectNoChanges(await stack!.previewJson());
    });

    it("a migration that fails fails up, naming the job, its exit code and the last lines of its log; the apps stay as they were, the state has no pending operation", async () => {
        const before = idsOf(services);
        const failing = ["sh", "-c", "echo applying schema 2; echo 'ERROR: relation \"votes\" already exists' >&2; exit 3"];
        await stack!.stack.setConfig("voting:migrateCommand", { value: JSON.stringify(failing) });
        await assert.rejects(stack!.stack.up({ color: "never" }), (error: Error) => {
            assert.match(error.message, /ContainerJob "migrate" failed: its container exited with code 3; the last lines of its log:/);
            assert.match(error.message, /applying schema 2/);
            assert.match(error.message, /ERROR: relation "votes" already exists/);
            return true;
        });
        assert.strictEqual(inspect(migrate, "{{.State.ExitCode}}"), "3");
        assert.deepStrictEqual(idsOf(services), before);
        expectRunningAndHealthy(services);
        const state = JSON.parse(await stack!.exportedState()) as { deployment: { pending_operations?: unknown[] } };
        assert.deepStrictEqual(state.deployment.pending_operations ?? [], []);
    });

    it("fixed, and with a new schema version in the config it uses, the migration runs again and up succeeds; then a preview shows no changes", async () => {
        await stack!.stack.setConfig("voting:migrateCommand", { value: migrateCommand });
        await stack!.stack.setConfig("voting:schemaVersion", { value: "2" });
        const before = idsOf([migrate]);
        await stack!.stack.up({ color: "never" });
        assert.notStrictEqual(idsOf([migrate])[migrate], before[migrate]);
        assert.strictEqual(inspect(migrate, "{{.State.Status}} {{.State.ExitCode}}"), "exited 0");
        assert.strictEqual(execIn(db, "cat /data/schema"), "2");
        assert.strictEqual(execIn(db, 'printf "GET votes\\r\\nQUIT\\r\\n" | nc -w 3 127.0.0.1 5432 | sed -n 2p | tr -d "\\r"'), "42", "the data is still there");
        expectRunningAndHealthy(services);
        expectNoChanges(await stack!.previewJson());
    });

    it("destroy leaves nothing of the stack: no container, network or volume", async () => {
        await stack!.stack.destroy({ color: "never" });
        assert.deepStrictEqual(leftoversOf(network), []);
    });
});

/** Docker's RFC 3339 time with its fraction padded to nanoseconds, so that times compare as text. */
function timestamp(text: string): string {
    const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text.trim());
    assert.ok(match, `not a UTC timestamp: ${text}`);
    return `${match[1]}.${(match[2] ?? "").padEnd(9, "0")}Z`;
}
