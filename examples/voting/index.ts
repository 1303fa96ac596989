import { z } from "zod";
import * as berth from "berth";

/**
 * The classic five-service voting app as berth describes it: `vote` and
 * `result` (web front ends), a `worker` moving votes from the `redis` queue
 * into the `db` database, and a `migrate` job that brings the database's
 * schema up to date before the worker and the result page start. The
 * database and the queue are singletons (one instance, never two, also in
 * prod); the database keeps its data on a persistent volume. The worker
 * carries a metrics sidecar; the result page renders its settings in an init
 * container. Every app names who may reach it (allowFrom). The database's
 * password reaches each container as a file under /etc/voting/db
 * (secretsAsFiles), never as an env var.
 *
 * Each service reads its port from PORT, so the stand-in images of the dev
 * stack (berth-test/*) and the real ones of prod run from the same program.
 */
export = () => {
    const settings = berth.loadStackConfig(
        {
            voteImage: z.string().default("berth-test/web:1"),
            resultImage: z.string().default("berth-test/web:1"),
            workerImage: z.string().default("berth-test/web:1"),
            metricsImage: z.string().default("berth-test/web:1"),
            redisImage: z.string().default("berth-test/cache:1"),
            dbImage: z.string().default("berth-test/cache:1"),
            migrateImage: z.string().default("berth-test/busybox:1"),
            /** The migration's command; the dev stack's writes the schema version into the stand-in database. */
            migrateCommand: z.array(z.string()).optional(),
            schemaVersion: z.string().default("1"),
            frontEndReplicas: z.number().int().default(1),
            workerReplicas: z.number().int().default(1),
            dbSize: z.string().default("1Gi"),
            /** Host names of the front ends' ingresses (Kubernetes); none on Docker. */
            voteHost: z.string().optional(),
            resultHost: z.string().optional(),
            dbPassword: z.string().min(8, "must be at least 8 characters"),
        },
        { secrets: ["dbPassword"] },
    );

    const net = new berth.AppNetwork("voting", {});
    const database = new berth.AppConfig("voting-db", {
        network: net,
        values: { DB_HOST: "db", DB_PORT: "5432", DB_NAME: "votes", SCHEMA_VERSION: settings.schemaVersion },
        secrets: { DB_PASSWORD: settings.dbPassword },
    });
    const queue = new berth.AppConfig("voting-queue", { network: net, values: { REDIS_HOST: "redis", REDIS_PORT: "6379" } });

    new berth.ContainerApp("db", {
        network: net,
        image: settings.dbImage,
        env: { PORT: "5432", DATA_DIR: "/data", PGDATA: "/data/pgdata" },
        configs: [{ config: database, mountPath: "/etc/voting/db", secretsAsFiles: true }],
        ports: [{ name: "postgres", port: 5432 }],
        healthCheck: { tcp: { port: 5432 }, intervalSeconds: 2 },
        volumes: [{ name: "data", mountPath: "/data", persistent: true, size: settings.dbSize }],
        singleton: true,
        allowFrom: ["migrate", "worker", "result"],
    });
    new berth.ContainerApp("redis", {
        network: net,
        image: settings.redisImage,
        env: { PORT: "6379" },
        ports: [{ name: "redis", port: 6379 }],
        healthCheck: { tcp: { port: 6379 }, intervalSeconds: 2 },
        singleton: true,
        allowFrom: ["vote", "worker"],
    });

    new berth.ContainerJob("migrate", {
        network: net,
        image: settings.migrateImage,
        command: settings.migrateCommand,
        configs: [{ config: database, mountPath: "/etc/voting/db", secretsAsFiles: true }],
        dependsOn: [{ app: "db", condition: "healthy" }],
        timeoutSeconds: 300,
    });

    new berth.ContainerApp("worker", {
        network: net,
        image: settings.workerImage,
        env: { PORT: "8080" },
        configs: [{ config: database, mountPath: "/etc/voting/db", secretsAsFiles: true }, { config: queue }],
        ports: [{ name: "health", port: 8080 }],
        healthCheck: { http: { path: "/", port: 8080 }, intervalSeconds: 2 },
        replicas: settings.workerReplicas,
        dependsOn: [{ job: "migrate" }, { app: "redis", condition: "healthy" }],
        // The exporter shares the worker's network: it scrapes localhost:8080 and serves on 9100.
        sidecars: [{ name: "metrics", image: settings.metricsImage, env: { PORT: "9100", SCRAPE_URL: "http://localhost:8080/" } }],
    });

    const vote = new berth.ContainerApp("vote", {
        network: net,
        image: settings.voteImage,
        env: { PORT: "8080", MESSAGE: "Cats or dogs?" },
        configs: [{ config: queue }],
        ports: [{ name: "http", port: 8080 }],
        healthCheck: { http: { path: "/", port: 8080 }, intervalSeconds: 2 },
        replicas: settings.frontEndReplicas,
        ingress: settings.voteHost ? { host: settings.voteHost, port: "http" } : undefined,
        dependsOn: [{ app: "redis", condition: "healthy" }],
    });

    const result = new berth.ContainerApp("result", {
        network: net,
        image: settings.resultImage,
        env: { PORT: "8080", CONFIG_FILE: "/data/result.conf" },
        configs: [{ config: database, mountPath: "/etc/voting/db", secretsAsFiles: true }],
        ports: [{ name: "http", port: 8080 }],
        healthCheck: { http: { path: "/", port: 8080 }, intervalSeconds: 2 },
        replicas: settings.frontEndReplicas,
        ingress: settings.resultHost ? { host: settings.resultHost, port: "http" } : undefined,
        // The init container writes the page's settings into a volume the app reads (read-only root elsewhere).
        // At /data, which the images' user owns: on Docker the fresh volume takes that owner (Docker has no fsGroup).
        volumes: [{ name: "settings", mountPath: "/data", readOnly: true }],
        initContainers: [
            {
                name: "render-settings",
                image: settings.migrateImage,
                command: ["sh", "-c", 'printf "database=%s:%s\\n" "$DB_HOST" "$DB_PORT" > /data/result.conf'],
                configs: [{ config: database, mountPath: "/etc/voting/db", secretsAsFiles: true }],
                volumes: [{ name: "settings", mountPath: "/data" }],
            },
        ],
        dependsOn: [{ app: "db", condition: "healthy" }, { job: "migrate" }],
    });

    return { voteUrl: vote.url, resultUrl: result.url, database: database.hash };
};
