import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import * as berth from "berth";

/** A web app that talks to a redis-like cache by name over the network, configured by an AppConfig. */
export = () => {
    const settings = berth.loadStackConfig(
        {
            webImage: z.string().default("berth-test/web:1"),
            cacheImage: z.string().default("berth-test/cache:1"),
            cachePassword: z.string().min(8, "must be at least 8 characters"),
        },
        { secrets: ["cachePassword"] },
    );

    const net = new berth.AppNetwork("web-redis", {});
    const config = new berth.AppConfig("web-config", {
        network: net,
        files: { "web.conf": "cache=cache:6379\n" },
        values: { CACHE_HOST: "cache", CACHE_PORT: "6379" },
        secrets: { CACHE_PASSWORD: settings.cachePassword },
    });

    const cache = new berth.ContainerApp("cache", {
        network: net,
        image: settings.cacheImage,
        ports: [{ name: "redis", port: 6379 }],
        healthCheck: { tcp: { port: 6379 } },
        volumes: [{ name: "data", mountPath: "/data", persistent: true }],
        allowFrom: ["web"],
        security: { runAsUser: 10001, runAsGroup: 10001 },
    });

    const web = new berth.ContainerApp("web", {
        network: net,
        image: settings.webImage,
        ports: [{ name: "http", port: 8080, publish: 8081 }],
        configs: [{ config, mountPath: "/etc/web" }],
        env: { CACHE_ADDRESS: cache.address },
        healthCheck: { http: { path: "/", port: 8080 } },
        security: { runAsUser: 10001, runAsGroup: 10001 },
    });

    return { url: web.url, cache: cache.address, configHash: pulumi.output(config.hash) };
};
