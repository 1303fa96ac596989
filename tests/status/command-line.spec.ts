import * as assert from "assert";
import { main } from "../../cli/berth";
import { engineSettings } from "../../cli/stack/engine-settings";
import { readExportedState } from "../../cli/stack/exported-state";
import { stackWorkloads, supportingComponents } from "../../cli/stack/workloads";
import { recordingIo } from "./berth-io";
import { readRecording } from "./recorded-answers";

/* The command lines of berth status and logs, and how they read a stack's state (recorded by the e2e suites). */

describe("berth status and logs: the command line", () => {
    it("says what is wrong with an option, with the command's help, exit 2", async () => {
        const cases: Array<[string[], RegExp]> = [
            [["status", "--interval", "0"], /^berth status: --interval must be a number of seconds, at least 0\.2 \(got "0"\)\n\nUsage: berth status \[options\]/],
            [["status", "--state", "s.json", "--stack", "a", "--stack", "b"], /^berth status: --state holds one stack's state: give at most one --stack with it/],
            [["status", "--frobnicate"], /^berth status: Unknown option '--frobnicate'/],
            [["logs"], /^berth logs: Missing required argument 'app'/],
            [["logs", "web", "--since", "yesterday"], /^berth logs: --since takes a duration/],
            [["logs", "web", "--tail", "-3"], /^berth logs: --tail must be a whole number \(got "-3"\)/],
        ];
        for (const [argv, message] of cases) {
            const { io, out } = recordingIo(readRecording("docker-shop-healthy"));
            assert.strictEqual(await main(argv, io), 2, argv.join(" "));
            assert.match(out.stderr, message);
        }
    });

    it("--help on every command, exit 0", async () => {
        for (const argv of [["--help"], ["help"], ["review", "--help"], ["status", "--help"], ["logs", "--help"], ["help", "logs"]]) {
            const { io, out } = recordingIo(readRecording("docker-shop-healthy"));
            assert.strictEqual(await main(argv, io), 0, argv.join(" "));
            assert.match(out.stdout, /^Usage: berth/, argv.join(" "));
        }
        const { io, out } = recordingIo(readRecording("docker-shop-healthy"));
        await main(["status", "--help"], io);
        assert.match(out.stdout, /Exit status: 0 everything healthy, 1 something degraded, down, failed, missing\nor drifted, 2 the status could not be read/);
    });

    it("a state that is not one is named, exit 2", async () => {
        const { io, out } = recordingIo(readRecording("docker-shop-healthy"));
        io.readFile = async () => "not json";
        assert.strictEqual(await main(["status", "--state", "state.json"], io), 2);
        assert.match(out.stdout, /status could not be read: state\.json: not JSON \(.*\); expected what `pulumi stack export` writes/);
        assert.throws(() => readExportedState('{"version": 2, "deployment": {}}', "old.json"), /old\.json: deployment version 2; berth reads version 3/);
    });

    it("without --state, runs pulumi in the project directory and says when it cannot", async () => {
        const { io, out } = recordingIo(readRecording("docker-shop-healthy"), { env: { PATH: "/nonexistent" } });
        assert.strictEqual(await main(["status", "--stack", "dev"], io), 2);
        assert.match(out.stdout, /^dev: status could not be read: the Pulumi CLI is not on PATH: install it, or pass the state of `pulumi stack export` with --state <file>$/m);
    });
});

describe("berth status: what belongs to which app, from the stack's state", () => {
    it("groups each provider resource under its nearest berth component, by the state's parent URNs", () => {
        const state = readExportedState(JSON.stringify(readRecording("docker-shop-healthy").state), "state");
        const workloads = stackWorkloads(state).sort((a, b) => a.component.name.localeCompare(b.component.name));
        assert.deepStrictEqual(
            workloads.map((w) => [w.component.className, w.component.name, w.kind, w.target, w.running.map((o) => o.name).sort(), w.others.map((o) => o.type)]),
            [
                ["ContainerApp", "api", "app", "docker", ["api-0", "api-1"], ["docker:index/remoteImage:RemoteImage"]],
                ["ContainerApp", "cache", "app", "docker", ["cache-0"], ["docker:index/remoteImage:RemoteImage"]],
                ["ContainerApp", "web", "app", "docker", ["web-0"], ["docker:index/remoteImage:RemoteImage"]],
            ],
        );
        assert.deepStrictEqual(
            supportingComponents(state).map((c) => [c.className, c.name, c.objects.map((o) => o.type)]),
            [["AppNetwork", "shop", ["docker:index/network:Network"]]],
        );
    });

    it("reads the engine from the provider the state recorded: the stack's kubernetes:kubeconfig; a flag wins; a secret setting is refused", () => {
        const state = readExportedState(JSON.stringify(readRecording("kubernetes-shop-no-node").state), "state");
        const [web] = stackWorkloads(state).filter((w) => w.component.name === "web");
        const settings = engineSettings(state, web.running[0].provider, "kubernetes", {}, {});
        assert.strictEqual(settings.target, "kubernetes");
        assert.match((settings as { kubeconfig: string }).kubeconfig, /\/kubeconfig$/);
        assert.strictEqual((engineSettings(state, web.running[0].provider, "kubernetes", { kubeconfig: "/elsewhere" }, {}) as { kubeconfig: string }).kubeconfig, "/elsewhere");

        const docker = readExportedState(JSON.stringify(readRecording("docker-shop-healthy").state), "state");
        const [api] = stackWorkloads(docker).filter((w) => w.component.name === "api");
        assert.deepStrictEqual(engineSettings(docker, api.running[0].provider, "docker", {}, {}), { target: "docker", host: "unix:///var/run/docker.sock" });
        assert.deepStrictEqual(engineSettings(docker, api.running[0].provider, "docker", {}, { DOCKER_HOST: "tcp://10.1.2.3:2375" }), { target: "docker", host: "tcp://10.1.2.3:2375" });

        const provider = state.resources.find((r) => r.urn === web.running[0].provider!.slice(0, web.running[0].provider!.lastIndexOf("::")))!;
        const secretState = { ...state, resources: state.resources.map((r) => (r === provider ? { ...r, inputs: { ...r.inputs, kubeconfig: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "x" } } } : r)) };
        assert.throws(() => engineSettings(secretState, web.running[0].provider, "kubernetes", {}, {}), /the stack's kubernetes:kubeconfig is a secret, which berth does not decrypt: pass --kubeconfig/);
    });
});
