import * as k8s from "@pulumi/kubernetes";
import { HealthCheckModel } from "../../model/app";

type Probe = k8s.types.input.core.v1.Probe;

/*
 * One health check, three probes. Readiness takes a failing app out of its
 * Service after failureThreshold misses; liveness restarts it only after
 * livenessFailureThreshold misses (more tolerant, so a brief overload drains
 * instead of restarting); a startup probe gives a slow starter its
 * startupSeconds before either begins.
 */

export function readinessProbe(check: HealthCheckModel): Probe {
    return probe(check, check.failureThreshold);
}

export function livenessProbe(check: HealthCheckModel): Probe {
    return probe(check, check.livenessFailureThreshold);
}

/** Undefined unless the check allows a slow start (startupSeconds). */
export function startupProbe(check: HealthCheckModel): Probe | undefined {
    if (check.startupSeconds === undefined) {
        return undefined;
    }
    return probe(check, Math.ceil(check.startupSeconds / check.intervalSeconds));
}

function probe(check: HealthCheckModel, failureThreshold: number): Probe {
    const timing = {
        periodSeconds: check.intervalSeconds,
        timeoutSeconds: check.timeoutSeconds,
        failureThreshold,
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
