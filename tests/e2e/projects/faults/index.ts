import * as pulumi from "@pulumi/pulumi";
import * as berth from "berth";

/**
 * The stack the Docker fault suite breaks: an api (its image from config, two
 * replicas) and a web that mount one config file, and a cache that uses no
 * config. No port is published, so it runs beside the other suites' stacks.
 */
export = () => {
    const settings = new pulumi.Config();
    const greeting = settings.require("greeting");

    const net = new berth.AppNetwork("e2e-faults", {});
    const config = new berth.AppConfig("faults-config", {
        network: net,
        files: { "faults.conf": `greeting=${greeting}` },
    });

    new berth.ContainerApp("cache", {
        network: net,
        image: "berth-test/cache:1",
        ports: [{ name: "redis", port: 6379 }],
        healthCheck: { tcp: { port: 6379 }, intervalSeconds: 2 },
    });
    new berth.ContainerApp("api", {
        network: net,
        image: settings.require("apiImage"),
        ports: [{ name: "http", port: 8080 }],
        configs: [{ config, mountPath: "/etc/faults" }],
        healthCheck: { http: { path: "/", port: 8080 }, intervalSeconds: 2 },
        replicas: 2,
    });
    new berth.ContainerApp("web", {
        network: net,
        image: "berth-test/web:1",
        ports: [{ name: "http", port: 8080 }],
        configs: [{ config, mountPath: "/etc/faults" }],
        healthCheck: { http: { path: "/", port: 8080 }, intervalSeconds: 2 },
    });
};
