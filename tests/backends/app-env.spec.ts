import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { appEnv } from "../../components/backends/app-env";
import { app, config } from "./models";

describe("Builder: an app's env, merged", () => {
    it("takes configs' values and secrets in the order listed, then the app's own env, later sources winning; sorted", async () => {
        const first = config("first", { values: { LOG_LEVEL: "info", SHARED: "first" }, secrets: { TOKEN: "t1" } });
        const second = config("second", { values: { SHARED: "second" } });
        const web = app({ env: { MODE: "prod", LOG_LEVEL: "debug" }, configs: [{ config: { configModel: first } }, { config: { configModel: second } }] });
        const env = await appEnv(web, {});
        assert.deepStrictEqual(
            env.map(({ name, secret, config: from }) => ({ name, secret, from })),
            [
                { name: "LOG_LEVEL", secret: false, from: undefined },
                { name: "MODE", secret: false, from: undefined },
                { name: "SHARED", secret: false, from: "second" },
                { name: "TOKEN", secret: true, from: "first" },
            ],
        );
    });

    it("leaves out a config mounted without env, and marks the app's secret env values", async () => {
        const files = config("files", { values: { HIDDEN: "x" } });
        const web = app({ env: { DB_PASSWORD: pulumi.secret("pw") }, configs: [{ config: { configModel: files }, env: false, mountPath: "/etc/files" }] });
        const env = await appEnv(web, { DB_PASSWORD: web.env.DB_PASSWORD });
        assert.deepStrictEqual(env.map((e) => [e.name, e.secret]), [["DB_PASSWORD", true]]);
    });

    it("leaves out the secrets of a config delivered as files (secretsAsFiles), keeping its values", async () => {
        const shop = config("shop", { values: { GREETING: "hi" }, secrets: { API_TOKEN: "tok" } });
        const api = app({ configs: [{ config: { configModel: shop }, mountPath: "/etc/shop", secretsAsFiles: true }] });
        assert.deepStrictEqual((await appEnv(api, {})).map((e) => e.name), ["GREETING"]);
    });
});
