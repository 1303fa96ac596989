import * as pulumi from "@pulumi/pulumi";
import * as berth from "berth";

/**
 * An app that never becomes ready on Kubernetes (the test web image answers
 * 503 on /cgi-bin/healthz while UNHEALTHY is set): `pulumi up` must fail and
 * name it, after healthyTimeoutSeconds (berth's pulumi.com/timeoutSeconds on
 * the app's objects), not after the provider's 10 minutes.
 */
export = () => {
    const net = new berth.AppNetwork("e2e-unready", {});
    new berth.ContainerApp("sick", {
        network: net,
        image: new pulumi.Config().require("image"),
        ports: [{ name: "http", port: 8080 }],
        env: { UNHEALTHY: "1" },
        // livenessFailureThreshold keeps the kubelet from restarting it within
        // the test (1000 failed checks, one a second): the pod stays running and
        // unready, which is what the suite asserts, instead of alternating with
        // CrashLoopBackOff.
        healthCheck: { http: { path: "/cgi-bin/healthz", port: 8080 }, intervalSeconds: 1, timeoutSeconds: 2, failureThreshold: 1, livenessFailureThreshold: 1000 },
        security: { runAsUser: 10001, runAsGroup: 10001 },
        healthyTimeoutSeconds: 60,
    });
};
