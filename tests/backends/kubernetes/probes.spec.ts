import * as assert from "assert";
import { livenessProbe, readinessProbe, startupProbe } from "../../../components/backends/kubernetes/probes";
import { HealthCheckModel } from "../../../components/model/app";
import { app } from "../models";

/** The model of a health check from its args. */
function check(args: Record<string, unknown>): HealthCheckModel {
    const model = app({ healthCheck: args }).healthCheck;
    assert.ok(model, "the app has a health check");
    return model;
}

describe("Kubernetes builder: probes", () => {
    const timing = { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, initialDelaySeconds: 0 };

    it("turns an http check into an httpGet with the check's defaults as timing", () => {
        assert.deepStrictEqual(readinessProbe(check({ http: { path: "/healthz", port: 8080 } })), { httpGet: { path: "/healthz", port: 8080 }, ...timing });
    });

    it("turns a tcp check into a tcpSocket, and a command into an exec", () => {
        assert.deepStrictEqual(readinessProbe(check({ tcp: { port: 6379 } })), { tcpSocket: { port: 6379 }, ...timing });
        assert.deepStrictEqual(readinessProbe(check({ command: ["pg_isready"] })), { exec: { command: ["pg_isready"] }, ...timing });
    });

    it("carries the check's own timing", () => {
        const slow = check({ tcp: { port: 1 }, intervalSeconds: 30, timeoutSeconds: 2, failureThreshold: 6, initialDelaySeconds: 15 });
        assert.deepStrictEqual(readinessProbe(slow), { tcpSocket: { port: 1 }, periodSeconds: 30, timeoutSeconds: 2, failureThreshold: 6, initialDelaySeconds: 15 });
    });

    it("makes liveness more tolerant than readiness (twice the failures by default), so a brief overload drains the app instead of restarting it", () => {
        const http = check({ http: { path: "/healthz", port: 8080 } });
        assert.deepStrictEqual(livenessProbe(http), { httpGet: { path: "/healthz", port: 8080 }, ...timing, failureThreshold: 6 });
        assert.strictEqual(livenessProbe(check({ tcp: { port: 1 }, failureThreshold: 4, livenessFailureThreshold: 20 })).failureThreshold, 20);
    });

    it("gives a slow starter a startup probe covering startupSeconds, and no startup probe otherwise", () => {
        assert.strictEqual(startupProbe(check({ tcp: { port: 1 } })), undefined);
        assert.deepStrictEqual(startupProbe(check({ tcp: { port: 1 }, startupSeconds: 95 })), { tcpSocket: { port: 1 }, ...timing, failureThreshold: 10 });
    });
});
