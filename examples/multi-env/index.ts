import { z } from "zod";
import * as berth from "berth";

/**
 * One program for every environment. What differs per stack (target, tier,
 * replicas, image tag and digest, hostname, a feature toggle) lives in Pulumi.<stack>.yaml
 * and is read, typed and checked by loadStackConfig.
 */
export = () => {
    const env = berth.loadStackConfig({
        imageRepository: z.string(),
        imageTag: z.string(),
        // The digest of that tag's image, which staging and prod pin (docker buildx imagetools inspect <image>).
        imageDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/, "must be sha256:<64 hex digits>").optional(),
        replicas: z.number().int().min(1),
        maxReplicas: z.number().int().min(1).optional(),
        hostname: z.string().optional(),
        features: z.strictObject({ newCheckout: z.boolean() }).default({ newCheckout: false }),
    });

    const net = new berth.AppNetwork("store", {});
    const app = new berth.ContainerApp("storefront", {
        network: net,
        image: `${env.imageRepository}:${env.imageTag}${env.imageDigest ? `@${env.imageDigest}` : ""}`,
        ports: [{ name: "http", port: 8080, publish: env.hostname ? undefined : 8082 }],
        env: { NEW_CHECKOUT: String(env.features.newCheckout) },
        healthCheck: { http: { path: "/", port: 8080 } },
        replicas: env.replicas,
        ingress: env.hostname ? { host: env.hostname, port: "http", tlsSecretName: "storefront-tls" } : undefined,
    });
    if (env.maxReplicas !== undefined) {
        new berth.AutoscalingPolicy("storefront-scaling", {
            app,
            minReplicas: env.replicas,
            maxReplicas: env.maxReplicas,
            cpuUtilization: 75,
            minAvailable: env.replicas - 1,
        });
    }
    return { url: app.url, address: app.address };
};
