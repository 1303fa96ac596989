import * as berth from "berth";

/**
 * What berth status must call sick on Docker, beside an app that is fine. No
 * port is published, so it runs beside the other suites' stacks.
 * - steady: the test web server, healthy.
 * - moody: healthy while /tmp/healthy exists, which it removes 8 s after it
 *   starts; `up` waits until it is healthy, then Docker finds it unhealthy.
 * - crashy: no health check; exits 3 every 2 s and Docker restarts it.
 */
export = () => {
    const net = new berth.AppNetwork("e2e-sick", {});
    new berth.ContainerApp("steady", {
        network: net,
        image: "berth-test/web:1",
        ports: [{ name: "http", port: 8080 }],
        healthCheck: { http: { path: "/", port: 8080 }, intervalSeconds: 2 },
    });
    new berth.ContainerApp("moody", {
        network: net,
        image: "berth-test/web:1",
        command: ["sh", "-c", "touch /tmp/healthy; (sleep 8; rm -f /tmp/healthy) & exec /app/start"],
        ports: [{ name: "http", port: 8080 }],
        healthCheck: { command: ["test", "-f", "/tmp/healthy"], intervalSeconds: 1, timeoutSeconds: 1, failureThreshold: 2 },
    });
    new berth.ContainerApp("crashy", {
        network: net,
        image: "berth-test/web:1",
        command: ["sh", "-c", "echo crashy starts; sleep 2; echo crashy fails; exit 3"],
        restartPolicy: "on-failure",
    });
};
