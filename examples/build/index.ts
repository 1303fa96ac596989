import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import * as berth from "berth";

/**
 * Two apps built from source, next to this file: `web` from web/ (one
 * Dockerfile, a .dockerignore) and `api` from api/ (a multi-stage Dockerfile,
 * a build arg and a target), and a job, `seed`, from seed/. On Docker the local engine builds them and the
 * containers run them by id; on Kubernetes they are pushed to the stack's
 * registry (berth:registry) and deployed (or run, as a Job) by digest. Either way an image is
 * rebuilt only when what goes into it changes. The contexts are relative to
 * this project's directory, where Pulumi runs the program.
 */
export = () => {
    const settings = berth.loadStackConfig({
        replicas: z.number().int().min(1).default(1),
        release: z.string().default("dev"),
    });
    const net = new berth.AppNetwork("build", {});
    const security = { runAsUser: 10001, runAsGroup: 10001 };
    const healthCheck = { http: { path: "/", port: 8080 } };

    const api = new berth.ContainerApp("api", {
        network: net,
        build: { context: "api", target: "runtime", args: { RELEASE: settings.release } },
        ports: [{ name: "http", port: 8080 }],
        healthCheck,
        replicas: settings.replicas,
        allowFrom: ["web"],
        security,
    });

    const web = new berth.ContainerApp("web", {
        network: net,
        build: { context: "web" },
        ports: [{ name: "http", port: 8080, publish: 8082 }],
        env: { API_URL: pulumi.interpolate`http://${api.address}` },
        healthCheck,
        replicas: settings.replicas,
        security,
    });

    // A job built from seed/ for the release: it runs once, and again when its source or the release changes.
    new berth.ContainerJob("seed", {
        network: net,
        build: { context: "seed", args: { RELEASE: settings.release } },
        security,
    });

    return { url: web.url, api: api.address };
};
