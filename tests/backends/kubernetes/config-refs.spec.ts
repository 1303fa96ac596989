import * as assert from "assert";
import { configMapData, configMapRefs, mountedFileSources, secretData, secretRefs } from "../../../components/backends/kubernetes/config-refs";
import { contents } from "../models";

describe("Kubernetes builder: config refs", () => {
    const split = contents({
        plainFiles: { "b.yaml": "b: 1\n", "a.yaml": "a: 1\n" },
        secretFiles: { "tls.key": "KEY" },
        plainValues: { LOG_LEVEL: "info" },
        secretValues: { API_TOKEN: "tok" },
    });

    it("puts plain files and values in the ConfigMap, sorted by key", () => {
        assert.deepStrictEqual(Object.keys(configMapData(split)), ["LOG_LEVEL", "a.yaml", "b.yaml"]);
    });

    it("puts secret files and values in the Secret, never in the ConfigMap", () => {
        assert.deepStrictEqual(secretData(split), { API_TOKEN: "tok", "tls.key": "KEY" });
        assert.ok(!("API_TOKEN" in configMapData(split)) && !("tls.key" in configMapData(split)));
    });

    it("refers each plain value to the ConfigMap by key, and projects its files by name", () => {
        assert.deepStrictEqual(configMapRefs("web-config", split), {
            envSources: { LOG_LEVEL: { configMapKeyRef: { name: "web-config", key: "LOG_LEVEL" } } },
            fileSources: [{ configMap: { name: "web-config", items: [{ key: "b.yaml", path: "b.yaml" }, { key: "a.yaml", path: "a.yaml" }] } }],
            secretValueFileSources: [],
        });
    });

    it("refers each secret value to the Secret by key, and projects its secret files", () => {
        assert.deepStrictEqual(secretRefs("web-config", split), {
            envSources: { API_TOKEN: { secretKeyRef: { name: "web-config", key: "API_TOKEN" } } },
            fileSources: [{ secret: { name: "web-config", items: [{ key: "tls.key", path: "tls.key" }] } }],
            secretValueFileSources: [{ secret: { name: "web-config", items: [{ key: "API_TOKEN", path: "API_TOKEN" }] } }],
        });
    });

    it("shows the secret values as files only in a mount that asks for them (secretsAsFiles)", () => {
        const refs = { configMap: undefined, secret: undefined, ...configMapRefs("c", split) };
        const secrets = secretRefs("c", split);
        const both = { ...refs, fileSources: [...refs.fileSources, ...secrets.fileSources], secretValueFileSources: secrets.secretValueFileSources };
        assert.deepStrictEqual(mountedFileSources(both, false), both.fileSources);
        assert.deepStrictEqual(mountedFileSources(both, true), [...both.fileSources, ...secrets.secretValueFileSources]);
    });

    it("projects nothing from an object without files", () => {
        assert.deepStrictEqual(configMapRefs("c", contents({ plainValues: { A: "1" } })).fileSources, []);
        assert.deepStrictEqual(secretRefs("c", contents({ secretValues: { A: "1" } })).fileSources, []);
    });
});
