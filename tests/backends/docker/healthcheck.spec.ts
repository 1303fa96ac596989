import * as assert from "assert";
import { dockerHealthcheck } from "../../../components/backends/docker/healthcheck";
import { HealthCheckModel } from "../../../components/model/app";
import { app } from "../models";

function check(args: Record<string, unknown>): HealthCheckModel {
    const model = app({ healthCheck: args }).healthCheck;
    assert.ok(model, "the app has a health check");
    return model;
}

describe("Docker builder: health check", () => {
    const timing = { interval: "10s", timeout: "5s", retries: 3, startPeriod: "0s" };

    it("GETs an http check's path with wget inside the container", () => {
        assert.deepStrictEqual(dockerHealthcheck(check({ http: { path: "/healthz", port: 8080 } })), {
            tests: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"],
            ...timing,
        });
    });

    it("connects with nc for a tcp check, through a shell (BusyBox nc has no -z)", () => {
        assert.deepStrictEqual(dockerHealthcheck(check({ tcp: { port: 6379 } })).tests, [
            "CMD-SHELL",
            "nc -z 127.0.0.1 6379 2>/dev/null || nc -w 2 127.0.0.1 6379 </dev/null >/dev/null",
        ]);
    });

    it("runs a command check as given, with the check's timing", () => {
        assert.deepStrictEqual(dockerHealthcheck(check({ command: ["pg_isready", "-q"], intervalSeconds: 30, failureThreshold: 5, initialDelaySeconds: 20 })), {
            tests: ["CMD", "pg_isready", "-q"],
            interval: "30s",
            timeout: "5s",
            retries: 5,
            startPeriod: "20s",
        });
    });

    it("keeps one check: a slow starter's startupSeconds lengthen the start period, and liveness has no counterpart", () => {
        const check_ = check({ tcp: { port: 1 }, initialDelaySeconds: 5, startupSeconds: 60, livenessFailureThreshold: 10 });
        assert.deepStrictEqual([dockerHealthcheck(check_).startPeriod, dockerHealthcheck(check_).retries], ["65s", 3]);
    });
});
