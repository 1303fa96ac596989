import * as pulumi from "@pulumi/pulumi";
import * as berth from "berth";

/**
 * An app that never becomes ready on Kubernetes (the test web image answers
 * 503 on /cgi-bin/healthz while UNHEALTHY is set): `pulumi up` must fail and
 * name it. The Kubernetes provider waits 10 minutes for a Deployment by default
 * and berth has no way to shorten that on Kubernetes (healthyTimeoutSeconds is
 * Docker's), so this test program bounds the wait itself, with the provider's
 * pulumi.com/timeoutSeconds annotation on the Deployment and the Service.
 */
export = () => {
    pulumi.runtime.registerResourceTransform((args) => {
        // The Service waits for a ready endpoint as long as the Deployment waits for ready pods.
        if (args.type !== "kubernetes:apps/v1:Deployment" && args.type !== "kubernetes:core/v1:Service") {
            return undefined;
        }
        const metadata = (args.props.metadata ?? {}) as { annotations?: Record<string, string> };
        const annotations = { ...(metadata.annotations ?? {}), "pulumi.com/timeoutSeconds": "90" };
        return { props: { ...args.props, metadata: { ...metadata, annotations } }, opts: args.opts };
    });
    const net = new berth.AppNetwork("e2e-unready", {});
    new berth.ContainerApp("sick", {
        network: net,
        image: new pulumi.Config().require("image"),
        ports: [{ name: "http", port: 8080 }],
        env: { UNHEALTHY: "1" },
        healthCheck: { http: { path: "/cgi-bin/healthz", port: 8080 }, intervalSeconds: 1, timeoutSeconds: 2, failureThreshold: 1 },
        security: { runAsUser: 10001, runAsGroup: 10001 },
    });
};
