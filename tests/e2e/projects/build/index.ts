import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "berth";

/**
 * examples/build's two apps and its job, built from a copy of their sources that the
 * Docker build suite edits (config sourceDir), the api's RELEASE build arg a
 * secret: web published on 127.0.0.1:18482, api behind it, letting web in. Health checks run
 * every second, so `up` waits little for the containers it replaces.
 */
export = () => {
    const settings = new pulumi.Config();
    const sourceDir = settings.require("sourceDir");
    const healthCheck = { http: { path: "/", port: 8080 }, intervalSeconds: 1 };

    const net = new berth.AppNetwork("e2e-build", {});
    const api = new berth.ContainerApp("api", {
        network: net,
        build: { context: path.join(sourceDir, "api"), target: "runtime", args: { RELEASE: settings.requireSecret("release") } },
        ports: [{ name: "http", port: 8080 }],
        // The network denies by default: web is let in.
        allowFrom: ["web"],
        healthCheck,
    });
    const web = new berth.ContainerApp("web", {
        network: net,
        build: { context: path.join(sourceDir, "web") },
        ports: [{ name: "http", port: 8080, publish: 18482 }],
        env: { API_URL: pulumi.interpolate`http://${api.address}` },
        healthCheck,
    });
    // examples/build's seed job, from the copy of its source the suite edits: it runs again only when that changes.
    new berth.ContainerJob("seed", { network: net, build: { context: path.join(sourceDir, "seed") }, timeoutSeconds: 60 });
    return { url: web.url };
};
