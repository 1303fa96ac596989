import * as assert from "assert";
import { z } from "zod";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import { errorOf } from "./programs";

const shape = {
    replicas: z.number().int().min(2, "must be at least 2"),
    imageTag: z.string().regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, "must be a version such as 1.4.2"),
    hostname: z.string().optional(),
    features: z.object({ search: z.boolean() }).default({ search: false }),
    apiToken: z.string().min(16, "must be at least 16 characters"),
};

function load() {
    return berth.loadStackConfig(shape, { secrets: ["apiToken"] });
}

describe("loadStackConfig", () => {
    it("reads typed values, structured values and secrets from stack config", async () => {
        const { result } = await runProgram(load, {
            config: {
                "berth-test:replicas": "3",
                "berth-test:imageTag": "1.4.2",
                "berth-test:features": JSON.stringify({ search: true }),
                "berth-test:apiToken": "0123456789abcdef-token",
            },
            secretKeys: ["berth-test:apiToken"],
        });
        assert.strictEqual(result.replicas, 3);
        assert.strictEqual(result.imageTag, "1.4.2");
        assert.strictEqual(result.hostname, undefined);
        assert.deepStrictEqual(result.features, { search: true });
        const token = await resolveOutput(result.apiToken);
        assert.deepStrictEqual(token, { value: "0123456789abcdef-token", secret: true });
    });

    it("keeps a string that looks like a number a string", async () => {
        const { result } = await runProgram(() => berth.loadStackConfig({ tag: z.string() }), { config: { "berth-test:tag": "123" } });
        assert.strictEqual(result.tag, "123");
    });

    it("reports every bad or missing key at once, naming the stack and each key", async () => {
        const error = await errorOf(load, { config: { "berth-test:replicas": "1", "berth-test:imageTag": "latest" } });
        assert.strictEqual(
            error.message,
            'stack "test": config key "berth-test:replicas" must be at least 2; ' +
                'config key "berth-test:imageTag" must be a version such as 1.4.2; ' +
                'config key "berth-test:apiToken" is required: pulumi config set --secret apiToken <value>',
        );
    });

    it("refuses a secret stored in plaintext, without echoing it", async () => {
        const error = await errorOf(load, {
            config: { "berth-test:replicas": "2", "berth-test:imageTag": "1.0.0", "berth-test:apiToken": "plaintext-token-123456" },
        });
        assert.match(error.message, /config key "berth-test:apiToken" must be set as a secret: pulumi config set --secret apiToken <value>/);
        assert.ok(!error.message.includes("plaintext-token-123456"));
    });

    it("reads another namespace when asked", async () => {
        const { result } = await runProgram(() => berth.loadStackConfig({ region: z.string() }, { namespace: "infra" }), { config: { "infra:region": "eu" } });
        assert.strictEqual(result.region, "eu");
    });
});
