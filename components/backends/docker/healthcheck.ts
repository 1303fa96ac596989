import * as docker from "@pulumi/docker";
import { HealthCheckModel } from "../../model/app";

/**
 * Docker runs health checks inside the container: http needs `wget`, tcp needs `sh` and `nc` in the image.
 * One check, readiness-like: Docker never restarts an unhealthy container, so liveness has no counterpart;
 * a slow starter's startupSeconds lengthen the start period, in which failures do not count.
 */
export function dockerHealthcheck(check: HealthCheckModel): docker.types.input.ContainerHealthcheck {
    return {
        tests: checkCommand(check),
        interval: `${check.intervalSeconds}s`,
        timeout: `${check.timeoutSeconds}s`,
        retries: check.failureThreshold,
        startPeriod: `${check.initialDelaySeconds + (check.startupSeconds ?? 0)}s`,
    };
}

function checkCommand(check: HealthCheckModel): string[] {
    switch (check.kind) {
        case "http":
            return ["CMD", "wget", "-q", "-O", "/dev/null", `http://127.0.0.1:${check.port}${check.path}`];
        case "tcp":
            // BusyBox's small nc (Debian's busybox-static) has no -z: it connects with empty input
            // instead, and the server closes on that EOF. Both need a shell in the image.
            return ["CMD-SHELL", `nc -z 127.0.0.1 ${check.port} 2>/dev/null || nc -w 2 127.0.0.1 ${check.port} </dev/null >/dev/null`];
        case "command":
            return ["CMD", ...check.command];
    }
}
