import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { envList } from "../../../components/backends/docker/env";
import { resolveOutput } from "../../../components/testing";

describe("Docker builder: env", () => {
    it("writes NAME=value in the order given", async () => {
        const env = envList([
            { name: "A", value: "1", secret: false },
            { name: "B", value: pulumi.output("2"), secret: false, config: "c" },
        ]);
        assert.deepStrictEqual(await resolveOutput(env), { value: ["A=1", "B=2"], secret: false });
    });

    it("makes the whole list a secret when one value is", async () => {
        const env = envList([
            { name: "A", value: "1", secret: false },
            { name: "TOKEN", value: pulumi.secret("tok"), secret: true },
        ]);
        assert.deepStrictEqual(await resolveOutput(env), { value: ["A=1", "TOKEN=tok"], secret: true });
    });
});
