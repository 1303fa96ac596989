import * as assert from "assert";
import { container, helperContainer, jobContainer, runToCompletion } from "../../../components/backends/kubernetes/container";
import { appSecretRefs } from "../../../components/backends/kubernetes/env";
import { app, job } from "../models";

describe("Kubernetes builder: containers of a pod", () => {
    const [init, sidecar] = app({
        initContainers: [{ name: "prepare", image: "t:1", command: ["sh"], resources: { limits: { cpu: "0.5" } } }],
        sidecars: [{ name: "metrics", image: "m:1", security: { readOnlyRootFilesystem: false } }],
    }).initContainers.concat(app({ sidecars: [{ name: "metrics", image: "m:1", security: { readOnlyRootFilesystem: false } }] }).sidecars);

    it("a container has its image, command, env, resources, security settings and mounts, empty lists left out", () => {
        assert.deepStrictEqual(container("prepare", init, "t:1", [], []), {
            name: "prepare",
            image: "t:1",
            command: ["sh"],
            args: undefined,
            env: undefined,
            resources: { requests: undefined, limits: { cpu: "500m" } },
            securityContext: {
                runAsNonRoot: true,
                runAsUser: 65532,
                runAsGroup: 65532,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
            },
            volumeMounts: undefined,
        });
    });

    it("an init container runs to completion and shows the end of its log when it fails; a sidecar is native: restartPolicy Always", () => {
        assert.strictEqual(helperContainer(init, "t:1", "init", [], []).terminationMessagePolicy, "FallbackToLogsOnError");
        assert.strictEqual(helperContainer(init, "t:1", "init", [], []).restartPolicy, undefined);
        const native = helperContainer(sidecar, "m:1", "sidecar", [], []);
        assert.strictEqual(native.restartPolicy, "Always");
        assert.strictEqual(native.terminationMessagePolicy, undefined);
        assert.strictEqual((native.securityContext as { readOnlyRootFilesystem: boolean }).readOnlyRootFilesystem, false);
    });

    it("a job's container runs to completion", () => {
        const migrate = jobContainer(job({ args: ["up"] }), "m:1", [], []);
        assert.deepStrictEqual([migrate.name, migrate.args, migrate.terminationMessagePolicy], ["migrate", ["up"], "FallbackToLogsOnError"]);
        assert.deepStrictEqual(runToCompletion({ name: "x" }), { name: "x", terminationMessagePolicy: "FallbackToLogsOnError" });
    });

    it("a helper's secret env is in the workload's Secret under <helper>.<name>", () => {
        assert.deepStrictEqual(appSecretRefs("web-env", ["TOKEN"], "prepare."), { TOKEN: { secretKeyRef: { name: "web-env", key: "prepare.TOKEN" } } });
        assert.deepStrictEqual(appSecretRefs("web-env", ["TOKEN"]), { TOKEN: { secretKeyRef: { name: "web-env", key: "TOKEN" } } });
    });
});
