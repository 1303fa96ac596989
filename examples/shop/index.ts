import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import * as berth from "berth";

/**
 * berth's flagship: a small shop. A web front end calls an api, which uses a
 * redis-like cache; all three share one network and one config with a secret;
 * the api autoscales. The dev stack runs it on the local Docker engine, the
 * prod stack on Kubernetes — same program, different Pulumi.<stack>.yaml.
 */
export = () => {
    const settings = berth.loadStackConfig(
        {
            webImage: z.string(),
            // A directory with a Dockerfile: web is built from it instead of pulled as webImage.
            webSource: z.string().optional(),
            apiImage: z.string(),
            cacheImage: z.string(),
            webReplicas: z.number().int().min(1).default(1),
            cacheReplicas: z.number().int().min(1).default(1),
            webPort: z.number().int().min(1).max(65535).default(8080),
            apiMinReplicas: z.number().int().min(1).default(1),
            apiMaxReplicas: z.number().int().min(1).default(3),
            hostname: z.string().optional(),
            // The Kubernetes TLS Secret (certificate and key) the ingress serves the hostname with.
            tlsSecretName: z.string().optional(),
            greeting: z.string().default("hello from berth"),
            apiToken: z.string().min(8, "must be at least 8 characters").optional(),
        },
        { secrets: ["apiToken"] },
    );
    // A dev stack may run with a stand-in token; every other tier must set its own.
    if (settings.apiToken === undefined && berth.stackTier() !== "dev") {
        throw new berth.StackConfigError([`config key "${pulumi.getProject()}:apiToken" is required outside dev: pulumi config set --secret apiToken <value>`]);
    }
    const apiToken = settings.apiToken ?? pulumi.secret("dev-only-token");

    // No app reaches anything but DNS unless its allowTo says so.
    const net = new berth.AppNetwork("shop", { defaultDenyEgress: true });

    const config = new berth.AppConfig("shop-config", {
        network: net,
        files: { "shop.conf": `greeting=${settings.greeting}\n` },
        values: { GREETING: settings.greeting },
        secrets: { API_TOKEN: apiToken },
    });

    const cache = new berth.ContainerApp("cache", {
        network: net,
        image: settings.cacheImage,
        ports: [{ name: "redis", port: 6379 }],
        healthCheck: { tcp: { port: 6379 } },
        replicas: settings.cacheReplicas,
        allowFrom: ["api"],
    });

    const api = new berth.ContainerApp("api", {
        network: net,
        image: settings.apiImage,
        ports: [{ name: "http", port: 8080 }],
        env: { CACHE_ADDRESS: cache.address },
        // The API token arrives as /etc/shop/API_TOKEN, never as an env var.
        configs: [{ config, mountPath: "/etc/shop", secretsAsFiles: true }],
        healthCheck: { http: { path: "/", port: 8080 } },
        allowFrom: ["web"],
        allowTo: [{ app: "cache" }],
    });
    new berth.AutoscalingPolicy("api-scaling", {
        app: api,
        minReplicas: settings.apiMinReplicas,
        maxReplicas: settings.apiMaxReplicas,
        cpuUtilization: 70,
    });

    const web = new berth.ContainerApp("web", {
        network: net,
        ...(settings.webSource ? { build: { context: settings.webSource } } : { image: settings.webImage }),
        ports: [{ name: "http", port: 8080, publish: settings.webPort }],
        env: { API_URL: pulumi.interpolate`http://${api.address}` },
        configs: [{ config, mountPath: "/etc/shop", env: false }],
        healthCheck: { http: { path: "/", port: 8080 } },
        replicas: settings.webReplicas,
        allowTo: [{ app: "api" }],
        // With a hostname, web is reached through the ingress and its TLS only: the published port is the Docker host's.
        ingress: settings.hostname ? { host: settings.hostname, port: "http", tlsSecretName: settings.tlsSecretName } : undefined,
    });

    return {
        webUrl: web.url,
        apiAddress: api.address,
        cacheAddress: cache.address,
        configHash: config.hash,
    };
};
