import * as berth from "berth";

/**
 * An app that never becomes healthy (the test web image answers 503 on
 * /cgi-bin/healthz while UNHEALTHY is set): `pulumi up` must fail and name it.
 */
export = () => {
    const net = new berth.AppNetwork("e2e-unhealthy", {});
    new berth.ContainerApp("sick", {
        network: net,
        image: "berth-test/web:1",
        ports: [{ name: "http", port: 8080 }],
        env: { UNHEALTHY: "1" },
        healthCheck: { http: { path: "/cgi-bin/healthz", port: 8080 }, intervalSeconds: 1, timeoutSeconds: 2, failureThreshold: 1 },
        healthyTimeoutSeconds: 8,
        security: { runAsUser: 10001, runAsGroup: 10001 },
    });
};
