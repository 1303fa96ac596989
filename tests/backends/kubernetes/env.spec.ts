import * as assert from "assert";
import { appSecretRefs, containerEnv } from "../../../components/backends/kubernetes/env";

describe("Kubernetes builder: container env", () => {
    const refs = {
        configs: { "web-config": { LOG_LEVEL: { configMapKeyRef: { name: "web-config", key: "LOG_LEVEL" } }, API_TOKEN: { secretKeyRef: { name: "web-config", key: "API_TOKEN" } } } },
        appSecret: appSecretRefs("web-env", ["DB_PASSWORD"]),
    };

    it("writes plain app values in, and takes config values and secrets from the objects holding them", () => {
        const env = containerEnv(
            [
                { name: "API_TOKEN", value: "tok", secret: true, config: "web-config" },
                { name: "DB_PASSWORD", value: "pw", secret: true },
                { name: "LOG_LEVEL", value: "info", secret: false, config: "web-config" },
                { name: "MODE", value: "prod", secret: false },
            ],
            refs,
        );
        assert.deepStrictEqual(env, [
            { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "web-config", key: "API_TOKEN" } } },
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "web-env", key: "DB_PASSWORD" } } },
            { name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: "web-config", key: "LOG_LEVEL" } } },
            { name: "MODE", value: "prod" },
        ]);
    });

    it("never writes a secret value in, even when no object holds it: it refuses", () => {
        assert.throws(() => containerEnv([{ name: "OTHER", value: "x", secret: true }], refs), /env OTHER: no ConfigMap or Secret holds it/);
        assert.throws(() => containerEnv([{ name: "A", value: "x", secret: false, config: "missing" }], refs), /env A: no ConfigMap or Secret holds it/);
    });

    it("refers the app's own Secret by key", () => {
        assert.deepStrictEqual(appSecretRefs("web-env", ["A", "B"]), {
            A: { secretKeyRef: { name: "web-env", key: "A" } },
            B: { secretKeyRef: { name: "web-env", key: "B" } },
        });
    });
});
