import * as assert from "assert";
import { main } from "../../cli/berth";
import { recordingIo, visible } from "./berth-io";
import { EngineRecording, ReplayServer, readRecording } from "./recorded-answers";

/*
 * berth status and logs against what the local dockerd answered (recorded by
 * tests/e2e/status-docker.e2e.ts): the shop's dev stack healthy, with a
 * replica removed out of band, and the sick project; the command runs whole,
 * from argument parsing to output, over the Engine API on a unix socket.
 */

/** berth run whole on a recording (a fixture's name, or one a test has changed). */
async function replayed(fixture: string | EngineRecording, argv: string[], options: Parameters<typeof recordingIo>[1] = {}) {
    const recording = typeof fixture === "string" ? readRecording(fixture) : fixture;
    const replay = await ReplayServer.docker(recording);
    try {
        const { io, out } = recordingIo(recording, options);
        const code = await main([...argv, "--state", "state.json", "--docker-host", replay.address], io);
        assert.deepStrictEqual(replay.unanswered, [], "every request was answered from the recording");
        return { code, ...out };
    } finally {
        await replay.close();
    }
}

/** The table's rows as cells (split on runs of two or more spaces). */
function tableRows(stdout: string): string[][] {
    const lines = stdout.split("\n");
    const header = lines.findIndex((line) => line.startsWith("NAME"));
    const rows: string[][] = [];
    for (const line of lines.slice(header + 1)) {
        if (line.startsWith(" ") || !/\s{2,}/.test(line)) {
            break;
        }
        rows.push(line.split(/\s{2,}/));
    }
    return rows;
}

describe("berth status on Docker (recorded answers of the local dockerd)", () => {
    it("exits 0 when every app is healthy: one row per app, by name, with its image id, replicas, health, restarts and age", async () => {
        const { code, stdout, stderr } = await replayed("docker-shop-healthy", ["status"]);
        assert.strictEqual(code, 0, stdout + stderr);
        assert.match(stdout, /^Stack e2e-status-dev \(berth-shop\) · docker unix:\/\/\/tmp\/berth-replay-\w+\/docker\.sock\n/);
        assert.deepStrictEqual(
            tableRows(stdout).map((cells) => cells.map((cell) => cell.replace(/[0-9a-f]{12}/, "<id>"))),
            [
                ["api", "app", "docker", "berth-test/api:1 (id <id>)", "2/2", "2", "healthy", "0", "5m", "-"],
                ["cache", "app", "docker", "berth-test/cache:1 (id <id>)", "1/1", "1", "healthy", "0", "5m", "-"],
                ["web", "app", "docker", "berth-test/web:1 (id <id>)", "1/1", "1", "healthy", "0", "5m", "-"],
            ],
        );
        assert.match(stdout, /\ne2e-status-dev: 3 apps: 3 healthy\n$/);
        assert.strictEqual(stderr, "");
    });

    it("--json: the documented schema, each replica's Docker state and health check status, and the image id the containers run", async () => {
        const { code, stdout } = await replayed("docker-shop-healthy", ["status", "--json"]);
        assert.strictEqual(code, 0);
        const document = JSON.parse(stdout);
        assert.strictEqual(document.schemaVersion, 1);
        assert.strictEqual(document.exitStatus, 0);
        const [stack] = document.stacks;
        assert.deepStrictEqual(Object.keys(stack).sort(), ["drift", "engines", "notes", "project", "stack", "workloads"]);
        const api = stack.workloads.find((w: { name: string }) => w.name === "api");
        assert.deepStrictEqual(
            Object.keys(api).sort(),
            ["component", "createdAt", "drift", "health", "image", "imageId", "kind", "location", "name", "replicaStatuses", "replicas", "restarts", "target"],
        );
        assert.deepStrictEqual(
            api.replicaStatuses.map((r: { name: string; state: string; ready: boolean; health: string; containers: string[] }) => [r.name, r.state, r.ready, r.health, r.containers]),
            [
                ["shop-api-0", "running", true, "healthy", ["shop-api-0"]],
                ["shop-api-1", "running", true, "healthy", ["shop-api-1"]],
            ],
        );
        assert.match(api.imageId, /^sha256:[0-9a-f]{64}$/);
        assert.strictEqual(api.component, "ContainerApp");
        assert.doesNotMatch(stdout, /API_TOKEN|ciphertext/, "nothing of the env or the state's secrets");
    });

    it("never prints a secret: not from the containers' env the engine answers, nor from a state exported with --show-secrets", async () => {
        const secret = "s3cret-token-that-must-not-show";
        const withSecrets = (fixture: string) => {
            const recording = readRecording(fixture);
            // The recorder redacted the env; put a secret back where the engine has it.
            for (const answer of recording.answers.filter((a) => /^\/containers\/[^/]+\/json$/.test(a.path) && a.status === 200)) {
                const container = JSON.parse(answer.body!);
                container.Config.Env = [...(container.Config.Env ?? []), `API_TOKEN=${secret}`];
                answer.body = JSON.stringify(container);
            }
            // `pulumi stack export --show-secrets` writes each secret's plaintext instead of its ciphertext.
            const state = JSON.stringify(recording.state).replace(/"ciphertext":"[^"]*"/g, `"plaintext":${JSON.stringify(JSON.stringify({ API_TOKEN: secret }))}`);
            assert.ok(state.includes(secret));
            recording.state = JSON.parse(state);
            return recording;
        };
        const runs: [string, string[]][] = [
            ["docker-shop-healthy", ["status"]],
            ["docker-shop-healthy", ["status", "--json"]],
            ["docker-shop-missing", ["status"]],
            ["docker-shop-missing", ["status", "--json"]],
            ["docker-shop-logs", ["logs", "api", "--timestamps"]],
        ];
        for (const [fixture, argv] of runs) {
            const out = await replayed(withSecrets(fixture), argv);
            assert.notStrictEqual(out.code, 2, `${fixture} ${argv.join(" ")}: ${out.stdout}${out.stderr}`);
            assert.ok(out.stdout.length > 0, `${fixture} ${argv.join(" ")} printed something`);
            assert.ok(!`${out.stdout}${out.stderr}`.includes(secret), `${fixture} ${argv.join(" ")} printed the secret: ${out.stdout}${out.stderr}`);
        }
    });

    it("lists replicas by name whatever order the state has them in (it varies from one up to the next)", async () => {
        const recording = readRecording("docker-shop-healthy");
        const state = recording.state as { deployment: { resources: unknown[] } };
        state.deployment.resources.reverse();
        const { code, stdout, stderr } = await replayed(recording, ["status", "--json"]);
        assert.strictEqual(code, 0, stdout + stderr);
        const api = JSON.parse(stdout).stacks[0].workloads.find((w: { name: string }) => w.name === "api");
        assert.deepStrictEqual(
            api.replicaStatuses.map((r: { name: string }) => r.name),
            ["shop-api-0", "shop-api-1"],
        );
    });

    it("shows a container removed out of band as missing drift and its app degraded, exit 1", async () => {
        const { code, stdout } = await replayed("docker-shop-missing", ["status"]);
        assert.strictEqual(code, 1);
        const api = tableRows(stdout).find((cells) => cells[0] === "api")!;
        assert.deepStrictEqual(api.slice(4), ["1/2", "1", "degraded", "0", "5m", "1"]);
        assert.match(stdout, /^ {2}api: shop-api-1: removed out of band$/m);
        assert.match(stdout, /^ {2}api: drift: Container shop-api-1 missing: not on the engine \(removed out of band\)$/m);
        assert.match(stdout, /^e2e-status-dev: 3 apps: 2 healthy, 1 degraded; 1 drifted object$/m);
    });

    it("calls an unhealthy app and a restarting one down, with Docker's reasons and the restart count, exit 1", async () => {
        const { code, stdout } = await replayed("docker-sick", ["status"]);
        assert.strictEqual(code, 1);
        const rows = Object.fromEntries(tableRows(stdout).map((cells) => [cells[0], cells]));
        assert.deepStrictEqual(rows.steady.slice(4, 8), ["1/1", "1", "healthy", "0"]);
        assert.deepStrictEqual(rows.moody.slice(4, 8), ["0/1", "1", "down", "0"]);
        assert.deepStrictEqual(rows.crashy.slice(4, 7), ["0/1", "1", "down"]);
        assert.ok(Number(rows.crashy[7]) >= 1, `crashy restarts: ${rows.crashy[7]}`);
        assert.match(stdout, /^ {2}moody: e2e-sick-moody-0: unhealthy \(\d+ failed checks in a row\)$/m);
        assert.match(stdout, /^ {2}crashy: e2e-sick-crashy-0: (restarting|exited) \(exit 3\)$/m);
    });

    it("on a terminal: fits its width (the image column gives way) and colours health; piped: no escapes", async () => {
        const piped = await replayed("docker-sick", ["status"]);
        assert.doesNotMatch(piped.stdout, /\x1b/);
        const { stdout } = await replayed("docker-sick", ["status"], { terminal: { columns: 80, rows: 24 } });
        const table = visible(stdout).split("\n").slice(1, 5);
        assert.ok(Math.max(...piped.stdout.split("\n").slice(1, 5).map((line) => line.length)) > 80, "the table is wider than 80 columns when piped");
        for (const line of table) {
            assert.ok(line.length <= 80, `"${line}" is ${line.length} columns`);
        }
        assert.match(table[1], /^crashy\s+app\s+docker\s+berth-test…\s+0\/1/);
        assert.ok(stdout.includes("\x1b[32mhealthy"), "healthy in green");
        assert.ok(stdout.includes("\x1b[31mdown"), "down in red");
        const noColor = await replayed("docker-sick", ["status"], { terminal: { columns: 80, rows: 24 }, env: { NO_COLOR: "1" } });
        assert.doesNotMatch(noColor.stdout, /\x1b/);
    });

    it("--watch redraws in place on a terminal until interrupted, then exits with the last reading's status", async () => {
        const interrupt = new AbortController();
        const recording = readRecording("docker-sick");
        const replay = await ReplayServer.docker(recording);
        try {
            const { io, out } = recordingIo(recording, { terminal: { columns: 70, rows: 40 }, interrupt: interrupt.signal });
            const frames: string[] = [];
            io.stdout = (text) => {
                frames.push(text);
                out.stdout += text;
                if (frames.length === 2) {
                    interrupt.abort();
                }
            };
            const code = await main(["status", "--watch", "--interval", "0.2", "--state", "state.json", "--docker-host", replay.address], io);
            assert.strictEqual(code, 1);
            assert.strictEqual(frames.length, 2);
            assert.ok(frames[0].startsWith("\x1b[2J\x1b[H"), "the first reading clears the screen");
            assert.ok(frames[1].startsWith("\x1b[H") && !frames[1].includes("\x1b[2J"), "later ones redraw from the top without clearing first");
            assert.ok(frames[1].endsWith("\x1b[J"), "and clear what is left below");
            assert.match(visible(frames[1]), /^Every 0\.2s: berth status · /);
            assert.match(visible(frames[1]), /^moody\s+app\s+docker/m);
            for (const line of visible(frames[1]).split("\n")) {
                assert.ok(line.length <= 70, `"${line}" would wrap and push the next reading down`);
            }
        } finally {
            await replay.close();
        }
    });

    it("--watch --json prints one document per line, one per reading", async () => {
        const interrupt = new AbortController();
        const recording = readRecording("docker-shop-healthy");
        const replay = await ReplayServer.docker(recording);
        try {
            const { io, out } = recordingIo(recording, { terminal: { columns: 120, rows: 40 }, interrupt: interrupt.signal });
            let writes = 0;
            io.stdout = (text) => {
                out.stdout += text;
                if (++writes === 3) {
                    interrupt.abort();
                }
            };
            assert.strictEqual(await main(["status", "--watch", "--json", "--interval", "0.2", "--state", "state.json", "--docker-host", replay.address], io), 0);
            const documents = out.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
            assert.deepStrictEqual(
                documents.map((d) => d.stacks[0].workloads.length),
                [3, 3, 3],
            );
        } finally {
            await replay.close();
        }
    });

    it("names the engine it cannot reach, exit 2", async () => {
        const recording = readRecording("docker-shop-healthy");
        const { io, out } = recordingIo(recording);
        const code = await main(["status", "--state", "state.json", "--docker-host", "unix:///nonexistent/docker.sock"], io);
        assert.strictEqual(code, 2);
        assert.match(out.stdout, /^e2e-status-dev: status could not be read: cannot reach the Docker engine at unix:\/\/\/nonexistent\/docker\.sock: no such socket: is dockerd running\?/m);
        const json = recordingIo(recording);
        assert.strictEqual(await main(["status", "--json", "--state", "state.json", "--docker-host", "unix:///nonexistent/docker.sock"], json.io), 2);
        assert.match(JSON.parse(json.out.stdout).stacks[0].error, /cannot reach the Docker engine at unix:\/\/\/nonexistent\/docker\.sock/);
        assert.match(json.out.stderr, /^berth status: e2e-status-dev: cannot reach the Docker engine/);
    });
});

describe("berth logs on Docker (recorded answers of the local dockerd)", () => {
    it("merges the lines of both replicas in time order, each prefixed with its container", async () => {
        const { code, stdout, stderr } = await replayed("docker-shop-logs", ["logs", "api", "--timestamps"]);
        assert.strictEqual(code, 0, stderr);
        const lines = stdout.trimEnd().split("\n");
        assert.deepStrictEqual(
            lines.map((line) => line.split(" | ")[0]),
            ["shop-api-0", "shop-api-1", "shop-api-0", "shop-api-1"],
        );
        const times = lines.map((line) => line.split(" | ")[1].split(" ")[0]);
        assert.deepStrictEqual([...times].sort(), times);
        assert.ok(lines.every((line) => line.endsWith("response:404")), stdout);
    });

    it("names the apps of the stack when asked for one it does not have, exit 2", async () => {
        const { io, out } = recordingIo(readRecording("docker-shop-logs"));
        assert.strictEqual(await main(["logs", "shop", "--state", "state.json"], io), 2);
        assert.strictEqual(out.stderr, 'berth logs: stack e2e-status-dev has no app or job "shop"; it has api, cache, web\n');
    });
});
