import * as assert from "assert";
import { jobContainer, jobContainerName } from "../../../components/backends/docker/container-job";
import { containerOptions, secretOutputs } from "../../../components/backends/docker/container";
import { RunFailedError, runToCompletion } from "../../../components/backends/docker/run-outcome";
import { job } from "../models";

describe("Docker builder: runs to completion (jobs, init containers)", () => {
    it("wait for the exit, keep the log, never restart, and are not expected to keep running", () => {
        assert.deepStrictEqual(runToCompletion, { attach: true, logs: true, mustRun: false, restart: "no" });
    });

    it("a job's container is <network>-<job>-job on the networks its reach gives it, with its tmpfs and security settings", () => {
        const migrate = job({ command: ["/bin/migrate"], volumes: [{ name: "work", mountPath: "/work" }] });
        const args = jobContainer(migrate, { imageId: "sha256:abc", uploads: [], volumes: [], readOnlyRoot: true, tmpfs: { "/work": "rw,nosuid" }, networks: [{ name: "shop" }, { name: "shop-to-db" }] });
        assert.strictEqual(jobContainerName(migrate), "shop-migrate-job");
        assert.strictEqual(args.name, "shop-migrate-job");
        assert.deepStrictEqual(args.networksAdvanced, [{ name: "shop" }, { name: "shop-to-db" }]);
        assert.deepStrictEqual(args.entrypoints, ["/bin/migrate"]);
        assert.deepStrictEqual([args.attach, args.mustRun, args.restart], [true, false, "no"]);
        assert.deepStrictEqual(args.tmpfs, { "/work": "rw,nosuid" });
        assert.strictEqual(args.readOnly, true);
    });

    it("a failed run names what ran, its exit code and the last 20 lines of its log", () => {
        const log = Array.from({ length: 25 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
        const error = new RunFailedError('ContainerJob "migrate"', 3, log);
        const lines = error.message.split("\n");
        assert.strictEqual(lines[0], 'ContainerJob "migrate" failed: its container exited with code 3; the last lines of its log:');
        assert.deepStrictEqual(lines.slice(1), Array.from({ length: 20 }, (_, i) => `    line ${i + 6}`));
        assert.strictEqual(new RunFailedError("job", 1, "").message, "job failed: its container exited with code 1; it logged nothing");
    });

    it("a container is replaced by removing the old one first, waits for what it depends on, and keeps a run's log secret", () => {
        const parent = {} as never;
        assert.deepStrictEqual(containerOptions(parent, undefined), { parent, additionalSecretOutputs: undefined, deleteBeforeReplace: true, dependsOn: undefined });
        assert.deepStrictEqual(secretOutputs(false, false, true), ["containerLogs"]);
        assert.deepStrictEqual(secretOutputs(true, true, true), ["envs", "uploads", "containerLogs"]);
    });
});
