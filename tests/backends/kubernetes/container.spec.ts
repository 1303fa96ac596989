import * as assert from "assert";
import { appContainer, drainSeconds } from "../../../components/backends/kubernetes/container";
import { app } from "../models";

describe("Kubernetes builder: the app's container", () => {
    const image = "registry.example.com/shop/web:1.4.2";

    it("names itself after the app and carries the image it is given, the command and args", () => {
        const pushed = "registry.example.com/shop/web@sha256:0123";
        const container = appContainer(app({ command: ["/bin/web"], args: ["--port", "8080"] }), pushed, [], []);
        assert.strictEqual(container.name, "web");
        assert.strictEqual(container.image, pushed);
        assert.deepStrictEqual([container.command, container.args], [["/bin/web"], ["--port", "8080"]]);
    });

    it("declares its ports by name, protocol in capitals, in the model's order", () => {
        const container = appContainer(app({ ports: [{ port: 8080, name: "http" }, { port: 53, protocol: "udp" }] }), image, [], []);
        assert.deepStrictEqual(container.ports, [
            { name: "port-53", containerPort: 53, protocol: "UDP" },
            { name: "http", containerPort: 8080, protocol: "TCP" },
        ]);
    });

    it("leaves out env, ports, mounts, probes and resources it does not have", () => {
        const container = appContainer(app(), image, [], []);
        for (const field of ["env", "ports", "volumeMounts", "readinessProbe", "livenessProbe", "startupProbe", "resources"] as const) {
            assert.strictEqual(container[field], undefined, field);
        }
    });

    it("probes readiness, liveness (more tolerant) and a slow start with the one check, and takes the env and mounts it is given", () => {
        const env = [{ name: "MODE", value: "prod" }];
        const mounts = [{ name: "tmp", mountPath: "/tmp" }];
        const container = appContainer(app({ healthCheck: { tcp: { port: 8080 }, startupSeconds: 60 } }), image, env, mounts);
        assert.deepStrictEqual(container.readinessProbe, { tcpSocket: { port: 8080 }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, initialDelaySeconds: 0 });
        assert.deepStrictEqual(container.livenessProbe, { tcpSocket: { port: 8080 }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6, initialDelaySeconds: 0 });
        assert.deepStrictEqual(container.startupProbe, { tcpSocket: { port: 8080 }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6, initialDelaySeconds: 0 });
        assert.strictEqual(container.env, env);
        assert.strictEqual(container.volumeMounts, mounts);
    });
});

describe("Kubernetes builder: draining a pod before it stops", () => {
    it("gives an app with ports a preStop sleep, so a pod keeps serving until kube-proxy has dropped it", () => {
        const container = appContainer(app({ ports: [{ port: 8080, name: "http" }] }), "busybox", [], []);
        assert.deepStrictEqual(container.lifecycle, { preStop: { sleep: { seconds: drainSeconds } } });
        assert.ok(drainSeconds > 0 && drainSeconds < 30, "shorter than the default 30 s grace period");
    });

    it("gives an app without ports none: nothing routes to it", () => {
        assert.strictEqual(appContainer(app(), "busybox", [], []).lifecycle, undefined);
    });
});
