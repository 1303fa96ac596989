import * as assert from "assert";
import { jobName, jobSpec, jobTimeouts } from "../../../components/backends/kubernetes/job";
import { resolveOutput } from "../../../components/testing";
import { job } from "../models";

describe("Kubernetes builder: the Job", () => {
    const template = { metadata: { labels: { "app.kubernetes.io/name": "migrate" } }, spec: { containers: [{ name: "migrate", image: "m:1" }], restartPolicy: "Never" } };

    it("retries `retries` times within `timeoutSeconds`, and keeps a finished Job (no TTL)", () => {
        assert.deepStrictEqual(jobSpec(job({ retries: 3, timeoutSeconds: 120 }), template), { backoffLimit: 3, activeDeadlineSeconds: 120, template });
        assert.deepStrictEqual(jobSpec(job(), template), { backoffLimit: 0, activeDeadlineSeconds: 600, template });
    });

    it("is named <job>-<10 hex of its spec>: the same spec gives the same name, any change another", async () => {
        const name = async (spec: ReturnType<typeof jobSpec>) => (await resolveOutput(jobName(job(), spec))).value;
        const first = await name(jobSpec(job(), template));
        assert.match(first, /^migrate-[0-9a-f]{10}$/);
        assert.strictEqual(await name(jobSpec(job(), template)), first);
        assert.strictEqual(await name({ template, activeDeadlineSeconds: 600, backoffLimit: 0 }), first, "key order does not matter");
        assert.notStrictEqual(await name(jobSpec(job({ retries: 1 }), template)), first);
        const annotated = { ...template, metadata: { ...template.metadata, annotations: { "berth.dev/config-hash": "a".repeat(64) } } };
        assert.notStrictEqual(await name(jobSpec(job(), annotated)), first, "a config's hash is part of the spec");
    });

    it("is no secret even when its spec is built from one (the hash reveals nothing)", async () => {
        const { secret } = await resolveOutput(jobName(job(), jobSpec(job(), template)));
        assert.strictEqual(secret, false);
    });

    it("lets `up` wait for the run: its deadline plus a margin, on create and on update", () => {
        assert.deepStrictEqual(jobTimeouts(job({ timeoutSeconds: 60 })), { create: "180s", update: "180s" });
    });
});
