import * as assert from "assert";
import { randomBytes } from "crypto";
import * as path from "path";
import { spawnSync } from "child_process";
import { ConfigMap } from "@pulumi/pulumi/automation";
import {
    buildTestImages,
    containersOf,
    docker,
    encryptedState,
    ensureDockerPlugin,
    execIn,
    httpGet,
    inspect,
    leftoversOf,
    LocalDocker,
    tryIn,
} from "./docker-engine";
import { disposeAndSweep, expectNoChanges, expectNothingOf, expectRunningAndHealthy, idsOf } from "./docker-suite";
import { changedOps, E2EStack, PreviewJson } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * The dev stacks of the flagship shop and of the examples on the local Docker
 * engine, for real: the Pulumi engine and Docker provider built by
 * tools/bootstrap, dockerd from tools/docker/dockerd, the images from
 * tools/docker/build-test-images. Each describe runs its steps in order and
 * skips the rest after the first failure; its stack is destroyed and removed in after(),
 * and whatever a failed destroy left of its network is removed there too.
 */

let engine: LocalDocker | undefined;

describe("berth on Docker through the real engine and a local dockerd", function () {
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
        const greeting = `hello from the e2e suite ${randomBytes(4).toString("hex")}`;
        let stack: E2EStack | undefined;
        let ours = false;

        before(async function () {
            expectNothingOf(network);
            ours = true;
            stack = await E2EStack.create(repoRoot, "dev", { "berth-shop:apiToken": { value: token, secret: true } });
        });

        after(async function () {
            if (ours) {
                await disposeAndSweep(stack, network);
            }
        });

        it("up succeeds: one running, healthy container per replica (the api's 2 included)", async () => {
            const result = await stack!.stack.up({ color: "never" });
            assert.strictEqual(result.outputs.webUrl.value, "http://127.0.0.1:8080");
            assert.deepStrictEqual(containersOf(network), ["shop-api-0", "shop-api-1", "shop-cache-0", "shop-web-0"]);
            expectRunningAndHealthy(containersOf(network));
        });

        it("answers on the published port, bound to 127.0.0.1 only", async () => {
            const { status, body } = await httpGet("http://127.0.0.1:8080/");
            assert.strictEqual(status, 200, body);
            assert.match(body, /^app: web$/m);
            assert.strictEqual(inspect("shop-web-0", '{{range (index .HostConfig.PortBindings "8080/tcp")}}{{.HostIp}}:{{.HostPort}} {{end}}'), "127.0.0.1:8080");
        });

        it("one app reaches another by name over the network, at the address berth gave it", () => {
            // web's API_URL and api's CACHE_ADDRESS are berth's outputs (http://api:8080, cache:6379).
            const viaWeb = execIn("shop-web-0", 'timeout 5 wget -q -O - "$API_URL/"');
            assert.match(viaWeb, /^app: api$/m);
            const viaApi = execIn("shop-api-0", 'printf "PING\\r\\nQUIT\\r\\n" | nc -w 3 "${CACHE_ADDRESS%:*}" "${CACHE_ADDRESS##*:}"');
            assert.match(viaApi, /^\+PONG/m);
        });

        it("every api replica answers under the shared name", () => {
            // The image's upstream-all resolves the name and asks every address (see tools/docker/README.md).
            const answer = execIn("shop-web-0", "/www/cgi-bin/upstream-all");
            assert.doesNotMatch(answer, /502|FAILED/, answer);
            assert.match(answer, /\(2 addresses\)/, answer);
            const answeredBy = [...answer.matchAll(/^ {2}host: (\S+)$/gm)].map((m) => m[1]).sort();
            const replicas = ["shop-api-0", "shop-api-1"].map((c) => inspect(c, "{{.Config.Hostname}}")).sort();
            assert.deepStrictEqual(answeredBy, replicas);
        });

        it("hands the secret token to the api's containers as a file only (secretsAsFiles), and state holds it only encrypted", async () => {
            for (const container of ["shop-api-0", "shop-api-1"]) {
                assert.strictEqual(execIn(container, "cat /etc/shop/API_TOKEN"), token, `${container} lacks /etc/shop/API_TOKEN`);
                assert.ok(!envOf(container).some((entry) => entry.startsWith("API_TOKEN=")), `${container} has API_TOKEN in its env`);
            }
            assert.ok(!encryptedState(stack!).includes(token), "the api token is in plaintext in the exported state");
        });

        it("allowFrom holds on the engine: each app answers on a network of its own that only the apps it allows join", () => {
            const networksOf = (container: string) => inspect(container, "{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}").split(" ").sort();
            // api and cache limit their egress to the shop (defaultDenyEgress) and publish nothing: no network with outside access.
            assert.deepStrictEqual(networksOf("shop-cache-0"), ["shop-to-cache"]);
            assert.deepStrictEqual(networksOf("shop-api-0"), ["shop-to-api", "shop-to-cache"]);
            assert.deepStrictEqual(networksOf("shop-web-0"), ["shop", "shop-to-api"]);
            for (const network of ["shop-to-api", "shop-to-cache"]) {
                assert.strictEqual(docker("network", "inspect", "--format", "{{.Internal}}", network), "true", `${network} is internal`);
            }
            assert.strictEqual(docker("network", "inspect", "--format", '{{index .Options "com.docker.network.bridge.enable_icc"}}', network), "false");
        });

        it("an allowed app connects; a denied one can neither resolve the name nor reach the address", () => {
            // api lets web in: web reaches it (the test above, by the address berth gave it); cache lets api in, not web.
            assert.match(execIn("shop-api-0", 'printf "PING\\r\\nQUIT\\r\\n" | nc -w 3 cache 6379'), /^\+PONG/m);
            const byName = tryIn("shop-web-0", "nslookup cache");
            assert.notStrictEqual(byName.status, 0, byName.output);
            assert.match(byName.output, /can't find cache|NXDOMAIN/);
            const cacheAddress = inspect("shop-cache-0", '{{(index .NetworkSettings.Networks "shop-to-cache").IPAddress}}');
            const byAddress = tryIn("shop-web-0", `printf "PING\\r\\nQUIT\\r\\n" | timeout 5 nc -w 3 ${cacheAddress} 6379`);
            assert.doesNotMatch(byAddress.output, /PONG/, `web reached cache at ${cacheAddress}`);
        });

        it("a container on the shared bridge reaches no app (ICC off), while the host still reaches web on its published port", async () => {
            const webAddress = inspect("shop-web-0", '{{(index .NetworkSettings.Networks "shop").IPAddress}}');
            const intruder = spawnSync(
                "docker",
                ["run", "--rm", "--network", network, "berth-test/busybox:1", "sh", "-c", `nslookup web; nslookup api; timeout 5 wget -q -O - http://${webAddress}:8080/ && echo REACHED`],
                { encoding: "utf8" },
            );
            const said = `${intruder.stdout}${intruder.stderr}`;
            assert.doesNotMatch(said, /REACHED|app: web/, said);
            assert.match(said, /can't find web/);
            assert.match(said, /can't find api/);
            const { status, body } = await httpGet("http://127.0.0.1:8080/");
            assert.strictEqual(status, 200, body);
        });

        it("a second preview reports no changes", async () => {
            expectNoChanges(await stack!.previewJson());
        });

        it("a config change replaces the containers that use it, the preview says why, and the new config reaches them", async () => {
            const before = idsOf(containersOf(network));
            await stack!.stack.setConfig("berth-shop:greeting", { value: greeting });
            const preview = await stack!.previewJson();
            assert.deepStrictEqual(changedOps(preview), { replace: 3 });
            assert.deepStrictEqual(replaceReasons(preview), {
                "api-0": ["envs", "uploads"],
                "api-1": ["envs", "uploads"],
                "web-0": ["uploads"],
            });

            await stack!.stack.up({ color: "never" });
            const after = idsOf(containersOf(network));
            for (const container of ["shop-api-0", "shop-api-1", "shop-web-0"]) {
                assert.notStrictEqual(after[container], before[container], `${container} was not replaced`);
                assert.strictEqual(execIn(container, "cat /etc/shop/shop.conf"), `greeting=${greeting}`);
            }
            assert.strictEqual(after["shop-cache-0"], before["shop-cache-0"], "the cache uses no config and must stay");
            for (const container of ["shop-api-0", "shop-api-1"]) {
                assert.ok(envOf(container).includes(`GREETING=${greeting}`), `${container} lacks the new GREETING`);
            }
            expectRunningAndHealthy(containersOf(network));
            expectNoChanges(await stack!.previewJson());
        });

        it("destroy leaves no container, network or volume behind", async () => {
            const disposing = stack!;
            stack = undefined;
            await disposing.dispose();
            assert.deepStrictEqual(leftoversOf(network), []);
        });
    });

    exampleOnDocker({
        example: "hello",
        network: "hello",
        containers: ["hello-web-0"],
        url: "http://127.0.0.1:8080/",
        answer: /^message: hello, berth$/m,
    });

    exampleOnDocker({
        example: "web-redis",
        network: "web-redis",
        containers: ["web-redis-cache-0", "web-redis-web-0"],
        url: "http://127.0.0.1:8081/",
        answer: /^app: web$/m,
        secrets: { "web-redis:cachePassword": `e2e-cache-password-${randomBytes(8).toString("hex")}` },
        whileUp: (secrets) => {
            // The web reaches the cache by name (its CACHE_ADDRESS) and the cache writes to its named volume.
            const answer = execIn("web-redis-web-0", "/www/cgi-bin/cache");
            assert.match(answer, /^visits: \d+$/m, answer);
            assert.strictEqual(inspect("web-redis-cache-0", '{{range .Mounts}}{{if eq .Destination "/data"}}{{.Type}} {{.Name}}{{end}}{{end}}'), "volume web-redis-cache-data-0");
            assert.ok(envOf("web-redis-web-0").includes(`CACHE_PASSWORD=${secrets["web-redis:cachePassword"]}`));
            assert.strictEqual(execIn("web-redis-web-0", "cat /etc/web/web.conf"), "cache=cache:6379");
        },
    });

    exampleOnDocker({
        example: "multi-env",
        network: "store",
        containers: ["store-storefront-0"],
        url: "http://127.0.0.1:8082/",
        answer: /^app: web$/m,
        whileUp: () => {
            assert.ok(envOf("store-storefront-0").includes("NEW_CHECKOUT=true"));
        },
    });

    describe("an app that never becomes healthy (tests/e2e/projects/unhealthy)", function () {
        stopAtFirstFailure();
        const network = "e2e-unhealthy";
        let stack: E2EStack | undefined;
        let ours = false;

        before(async function () {
            expectNothingOf(network);
            ours = true;
            stack = await E2EStack.create(path.join(repoRoot, "tests", "e2e", "projects", "unhealthy"), "dev");
        });

        after(async function () {
            if (ours) {
                await disposeAndSweep(stack, network);
            }
        });

        it("fails up with the app's container named in the error", async () => {
            await assert.rejects(stack!.stack.up({ color: "never" }), (error: Error) => {
                assert.match(error.message, /berth:index:ContainerApp\$docker:index\/container:Container::sick-0/);
                assert.match(error.message, /container failed to be in healthy state/);
                return true;
            });
            assert.strictEqual(inspect("e2e-unhealthy-sick-0", "{{.State.Health.Status}}"), "unhealthy");
        });

        it("destroy leaves no container, network or volume behind", async () => {
            const disposing = stack!;
            stack = undefined;
            await disposing.dispose();
            assert.deepStrictEqual(leftoversOf(network), []);
        });
    });
});

interface ExampleCase {
    /** Directory under examples/. */
    example: string;
    /** The AppNetwork's name: prefix of every container, label of everything berth made. */
    network: string;
    containers: string[];
    /** A published URL and what its answer must contain. */
    url: string;
    answer: RegExp;
    /** Secret config (key: value) the stack needs; each must stay out of plaintext state. */
    secrets?: Record<string, string>;
    /** Checks of this example while it is up. */
    whileUp?: (secrets: Record<string, string>) => void;
}

/** The example's dev stack: up, its containers healthy and answering, no change on a second preview, nothing left after destroy. */
function exampleOnDocker(example: ExampleCase): void {
    describe(`examples/${example.example}'s dev stack`, function () {
        stopAtFirstFailure();
        const secrets = example.secrets ?? {};
        let stack: E2EStack | undefined;
        let ours = false;

        before(async function () {
            expectNothingOf(example.network);
            ours = true;
            const overrides: ConfigMap = {};
            for (const [key, value] of Object.entries(secrets)) {
                overrides[key] = { value, secret: true };
            }
            stack = await E2EStack.create(path.join(repoRoot, "examples", example.example), "dev", overrides);
        });

        after(async function () {
            if (ours) {
                await disposeAndSweep(stack, example.network);
            }
        });

        it("up succeeds and its containers run healthy", async () => {
            await stack!.stack.up({ color: "never" });
            assert.deepStrictEqual(containersOf(example.network), example.containers);
            expectRunningAndHealthy(example.containers);
        });

        it("answers on its published port", async () => {
            const { status, body } = await httpGet(example.url);
            assert.strictEqual(status, 200, body);
            assert.match(body, example.answer);
            example.whileUp?.(secrets);
        });

        if (Object.keys(secrets).length > 0) {
            it("keeps its secrets out of plaintext state", () => {
                const state = encryptedState(stack!);
                for (const [key, value] of Object.entries(secrets)) {
                    assert.ok(!state.includes(value), `${key} is in plaintext in the exported state`);
                }
            });
        }

        it("a second preview reports no changes", async () => {
            expectNoChanges(await stack!.previewJson());
        });

        it("destroy leaves no container, network or volume behind", async () => {
            const disposing = stack!;
            stack = undefined;
            await disposing.dispose();
            assert.deepStrictEqual(leftoversOf(example.network), []);
        });
    });
}

function replaceReasons(preview: PreviewJson): Record<string, string[]> {
    const reasons: Record<string, string[]> = {};
    for (const step of preview.steps ?? []) {
        if (step.op === "replace") {
            reasons[step.urn.split("::").pop()!] = [...(step.replaceReasons ?? [])].sort();
        }
    }
    return reasons;
}

function envOf(container: string): string[] {
    return JSON.parse(inspect(container, "{{json .Config.Env}}")) as string[];
}
