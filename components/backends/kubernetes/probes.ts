import * as k8s from "@pulumi/kubernetes";
import { HealthCheckModel } from "../../model/app";

/** Readiness and liveness use the same check: an app that cannot answer is neither ready nor alive. */
export function probe(check: HealthCheckModel): k8s.types.input.core.v1.Probe {
    const timing = {
        periodSeconds: check.intervalSeconds,
        timeoutSeconds: check.timeoutSeconds,
        failureThreshold: check.failureThreshold,
        initialDelaySeconds: check.initialDelaySeconds,
    };
    switch (check.kind) {
        case "http":
            return { httpGet: { path: check.path, port: check.port }, ...timing };
        case "tcp":
            return { tcpSocket: { port: check.port }, ...timing };
        case "command":
            return { exec: { command: check.command }, ...timing };
    }
}
