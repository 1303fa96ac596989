import * as assert from "assert";
import { randomBytes } from "crypto";
import * as path from "path";
import { berth, berthAsync, berthFor } from "./berth-cli";
import { buildTestImages, docker, encryptedState, ensureDockerPlugin, execIn, inspect, LocalDocker } from "./docker-engine";
import { disposeAndSweep, expectNothingOf } from "./docker-suite";
import { EngineRecorder } from "./engine-recorder";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";
import { waitFor } from "./kubernetes-api";
import type { StatusDocument } from "../../cli/status/json";
import type { WorkloadStatus } from "../../cli/status/workload-status";

/**
 * `berth status` and `berth logs` on the local Docker engine, through the
 * real Pulumi engine and Docker provider and the built `berth` command: the
 * shop's dev stack (healthy, then a replica removed out of band), and
 * tests/e2e/projects/sick (an app that turns unhealthy, one that crashes and
 * restarts). Each scene is also recorded for the unit tests
 * (tests/fixtures/status/, written when missing or with UPDATE_GOLDEN=1).
 */

let engine: LocalDocker | undefined;

/** The rows of `berth status --json` for its one stack, by app name. */
function rows(json: string): Record<string, WorkloadStatus> {
    const document = JSON.parse(json) as StatusDocument;
    return Object.fromEntries(document.stacks[0].workloads.map((w) => [w.name, w]));
}

describe("berth status and logs on Docker through the real engine and a local dockerd", function () {
    before(function () {
        useBuiltTools();
        ensureDockerPlugin();
        engine = LocalDocker.ensure();
        buildTestImages();
    });

    after(function () {
        engine?.stopIfStartedHere();
    });

    describe("the shop's dev stack", function () {
        stopAtFirstFailure();
        const network = "shop";
        const token = `e2e-api-token-${randomBytes(12).toString("hex")}`;
        let stack: E2EStack | undefined;
        let ours = false;
        const run = (...args: string[]) => berth(args, { cwd: repoRoot, env: stack!.env });

        before(async function () {
            expectNothingOf(network);
            ours = true;
            stack = await E2EStack.create(repoRoot, "dev", { "berth-shop:apiToken": { value: token, secret: true } }, "e2e-status-dev");
            await stack.stack.up({ color: "never" });
        });

        after(async function () {
            if (ours) {
                await disposeAndSweep(stack, network);
            }
        });

        it("status exits 0 and shows every app healthy, one row each, with a summary line", () => {
            const result = run("status", "--stack", "e2e-status-dev");
            assert.strictEqual(result.status, 0, result.stdout + result.stderr);
            const lines = result.stdout.split("\n");
            assert.match(lines[0], /^Stack e2e-status-dev \(berth-shop\) · docker unix:\/\/\/var\/run\/docker\.sock$/);
            assert.match(lines[1], /^NAME\s+KIND\s+TARGET\s+IMAGE\s+READY\s+UPDATED\s+HEALTH\s+RESTARTS\s+AGE\s+DRIFT$/);
            assert.match(result.stdout, /^cache\s+app\s+docker\s+berth-test\/cache:1 \(id [0-9a-f]{12}\)\s+1\/1\s+1\s+healthy\s+0\s+\d+[sm]\s+-$/m);
            assert.match(result.stdout, /^api\s+app\s+docker\s+berth-test\/api:1 \(id [0-9a-f]{12}\)\s+2\/2\s+2\s+healthy\s+0\s+\d+[sm]\s+-$/m);
            assert.match(result.stdout, /^web\s+app\s+docker\s+berth-test\/web:1 \(id [0-9a-f]{12}\)\s+1\/1\s+1\s+healthy\s+0\s+\d+[sm]\s+-$/m);
            assert.match(result.stdout, /^e2e-status-dev: 3 apps: 3 healthy$/m);
            assert.doesNotMatch(result.stdout, /\x1b\[/, "no colour when piped");
        });

        it("status --json gives each replica, the image id the engine runs, and never the secret token", async () => {
            const result = run("status", "--stack", "e2e-status-dev", "--json");
            assert.strictEqual(result.status, 0, result.stderr);
            const byName = rows(result.stdout);
            assert.deepStrictEqual(Object.keys(byName).sort(), ["api", "cache", "web"]);
            assert.deepStrictEqual(
                byName.api.replicaStatuses.map((r) => [r.name, r.state, r.ready, r.health]),
                [
                    ["shop-api-0", "running", true, "healthy"],
                    ["shop-api-1", "running", true, "healthy"],
                ],
            );
            assert.strictEqual(byName.api.imageId, inspect("shop-api-0", "{{.Image}}"));
            assert.strictEqual(byName.api.imageDigest, undefined, "a locally built image has no repo digest");
            assert.ok(!result.stdout.includes(token), "the api token is in the status");
            assert.ok(!(await stack!.exportedState()).includes(token), "the export berth reads holds the token in plaintext");
        });

        it("status is recorded for the unit tests (healthy)", async () => {
            await recordStatus("docker-shop-healthy", "the shop's dev stack just after up: every app healthy", stack!);
        });

        it("logs merges the lines of both api replicas in time order, each prefixed with its replica", async () => {
            // busybox httpd logs only failed requests: a 404 each, in turn, 0.5 s apart.
            for (const replica of ["shop-api-0", "shop-api-1", "shop-api-0", "shop-api-1"]) {
                execIn(replica, "wget -q -O /dev/null http://127.0.0.1:8080/no-such-page || true");
                await new Promise((resolve) => setTimeout(resolve, 500));
            }
            const result = run("logs", "api", "--stack", "e2e-status-dev", "--timestamps");
            assert.strictEqual(result.status, 0, result.stderr);
            const lines = result.stdout.split("\n").filter((line) => line.includes("response:404"));
            assert.deepStrictEqual(
                lines.map((line) => line.split(" | ")[0].trim()),
                ["shop-api-0", "shop-api-1", "shop-api-0", "shop-api-1"],
                result.stdout,
            );
            const times = lines.map((line) => line.split(" | ")[1].split(" ")[0]);
            assert.deepStrictEqual([...times].sort(), times, "in time order");

            const tail = run("logs", "api", "--stack", "e2e-status-dev", "--tail", "1");
            assert.strictEqual(tail.stdout.split("\n").filter((l) => l !== "").length, 2, tail.stdout);

            await recordLogs("docker-shop-logs", "berth logs api --timestamps on the shop's dev stack after four 404s, alternating between the two replicas", stack!);
        });

        it("logs --follow prints a line written after it started, then stops on Ctrl-C", async () => {
            const following = berthFor(4000, ["logs", "api", "--stack", "e2e-status-dev", "--follow", "--tail", "0"], { cwd: repoRoot, env: stack!.env });
            await new Promise((resolve) => setTimeout(resolve, 2500));
            execIn("shop-api-1", "wget -q -O /dev/null http://127.0.0.1:8080/followed || true");
            const result = await following;
            assert.strictEqual(result.status, 0, result.stderr);
            assert.match(result.stdout, /^shop-api-1 \| \[::ffff:127\.0\.0\.1\]:\d+: response:404$/m);
        });

        it("a container removed out of band shows as missing drift, the app degraded, exit 1; logs still reads the other replica", async () => {
            docker("rm", "-f", "shop-api-1");
            const result = run("status", "--stack", "e2e-status-dev");
            assert.strictEqual(result.status, 1, result.stdout + result.stderr);
            assert.match(result.stdout, /^api\s+app\s+docker\s+berth-test\/api:1 \(id \w+\)\s+1\/2\s+1\s+degraded\s+0\s+\S+\s+1$/m);
            assert.match(result.stdout, /^ {2}api: shop-api-1: removed out of band$/m);
            assert.match(result.stdout, /^ {2}api: drift: Container shop-api-1 missing: not on the engine \(removed out of band\)$/m);
            assert.match(result.stdout, /^e2e-status-dev: 3 apps: 2 healthy, 1 degraded; 1 drifted object$/m);

            const logs = run("logs", "api", "--stack", "e2e-status-dev");
            assert.strictEqual(logs.status, 1, logs.stderr);
            assert.match(logs.stdout, /^shop-api-0 \| /m);
            assert.match(logs.stderr, /shop-api-1: no such container on the Docker engine at unix:\/\/\/var\/run\/docker\.sock \(removed out of band\)/);

            await recordStatus("docker-shop-missing", "the shop's dev stack after `docker rm -f shop-api-1`", stack!);
        });

        it("an engine that cannot be reached is named, exit 2", () => {
            const result = run("status", "--stack", "e2e-status-dev", "--docker-host", "unix:///nonexistent/docker.sock");
            assert.strictEqual(result.status, 2, result.stdout);
            assert.match(result.stdout, /e2e-status-dev: status could not be read: cannot reach the Docker engine at unix:\/\/\/nonexistent\/docker\.sock: no such socket/);
        });
    });

    describe("a sick stack (tests/e2e/projects/sick)", function () {
        stopAtFirstFailure();
        const network = "e2e-sick";
        const projectDir = path.join(repoRoot, "tests", "e2e", "projects", "sick");
        let stack: E2EStack | undefined;
        let ours = false;

        before(async function () {
            expectNothingOf(network);
            ours = true;
            stack = await E2EStack.create(projectDir, "dev", {}, "e2e-status-sick");
            await stack.stack.up({ color: "never" });
        });

        after(async function () {
            if (ours) {
                await disposeAndSweep(stack, network);
            }
        });

        it("status exits 1: the unhealthy app is down with Docker's health status, the crashing one shows its restarts, the steady one is healthy", async () => {
            await waitFor("moody to turn unhealthy and crashy to restart", 60_000, async () =>
                inspect("e2e-sick-moody-0", "{{.State.Health.Status}}") === "unhealthy" && Number(inspect("e2e-sick-crashy-0", "{{.RestartCount}}")) >= 1 ? true : undefined,
            );
            const result = berth(["status", "--stack", "e2e-status-sick", "--json"], { cwd: projectDir, env: stack!.env });
            assert.strictEqual(result.status, 1, result.stdout + result.stderr);
            const byName = rows(result.stdout);
            assert.strictEqual(byName.steady.health, "healthy");
            assert.strictEqual(byName.moody.health, "down");
            assert.deepStrictEqual(byName.moody.replicas, { desired: 1, ready: 0, updated: 1 });
            assert.strictEqual(byName.moody.replicaStatuses[0].health, "unhealthy");
            assert.match(byName.moody.message ?? "", /^e2e-sick-moody-0: unhealthy \(\d+ failed checks? in a row\)$/);
            assert.ok(byName.crashy.restarts >= 1, `crashy restarted ${byName.crashy.restarts} times`);

            const table = berth(["status", "--stack", "e2e-status-sick"], { cwd: projectDir, env: stack!.env });
            assert.strictEqual(table.status, 1);
            assert.match(table.stdout, /^moody\s+app\s+docker\s+berth-test\/web:1 \(id \w+\)\s+0\/1\s+1\s+down\s+0\s/m);
            await recordStatus("docker-sick", "tests/e2e/projects/sick once moody is unhealthy and crashy has restarted", stack!);
        });

        it("logs shows each start of the crashing app", () => {
            const result = berth(["logs", "crashy", "--stack", "e2e-status-sick"], { cwd: projectDir, env: stack!.env });
            assert.strictEqual(result.status, 0, result.stderr);
            const starts = result.stdout.split("\n").filter((line) => line === "e2e-sick-crashy-0 | crashy starts");
            assert.ok(starts.length >= 2, result.stdout);
        });
    });
});

/** Runs `berth status --json` through a recording proxy of dockerd and keeps what it asked and got, with the stack's state. */
async function recordStatus(name: string, about: string, stack: E2EStack): Promise<void> {
    await record(name, `berth status --json: ${about}`, stack, ["status", "--json"]);
}

async function recordLogs(name: string, about: string, stack: E2EStack): Promise<void> {
    await record(name, about, stack, ["logs", "api", "--timestamps"]);
}

async function record(name: string, about: string, stack: E2EStack, args: string[]): Promise<void> {
    const recorder = await EngineRecorder.docker();
    try {
        const result = await berthAsync([...args, "--stack", stack.stack.name, "--docker-host", recorder.address], { cwd: stack.projectDir, env: stack.env });
        assert.ok(result.status !== 2, result.stdout + result.stderr);
        recorder.save(name, `${about} (Docker Engine API of the local dockerd, tests/e2e/status-docker.e2e.ts)`, "docker", encryptedState(stack));
    } finally {
        await recorder.close();
    }
}
