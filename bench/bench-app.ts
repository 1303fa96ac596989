/**
 * The one description of the system the benchmark builds, shared by the berth
 * program and the hand-written ones so both get exactly the same inputs: N
 * apps on one network, each with its own config (a file, plain values, one
 * secret), one port, an HTTP health check, requests and limits, and an
 * autoscaler on CPU.
 */

/**
 * Where a system goes: its network's name (on Kubernetes, the namespace), and
 * whether Kubernetes objects skip the provider's readiness waits (needed on an
 * API server without nodes, where pods never become ready).
 */
export interface SystemOptions {
    network: string;
    skipAwait: boolean;
}

export const defaultSystem: SystemOptions = { network: "bench", skipAwait: false };

export interface BenchApp {
    name: string;
    configName: string;
    image: string;
    port: { name: string; port: number };
    healthPath: string;
    env: Record<string, string>;
    /** File name -> content; the file is a few KiB so hashing it costs something. */
    files: Record<string, string>;
    values: Record<string, string>;
    /** The secret's key and plaintext (a Pulumi secret in both programs). */
    secret: { key: string; value: string };
    mountPath: string;
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string };
    minReplicas: number;
    maxReplicas: number;
    cpuUtilization: number;
}

/** App number `index` of the system; every app differs, so nothing can be shared or cached between apps. */
export function benchApp(index: number): BenchApp {
    const name = `app-${index}`;
    return {
        name,
        configName: `${name}-config`,
        image: `registry.example.com/bench/${name}:1.0.${index}`,
        port: { name: "http", port: 8080 },
        healthPath: "/healthz",
        env: { MODE: "prod" },
        files: { "app.yaml": appYaml(index) },
        values: { FEATURES: "search,cart", LOG_LEVEL: "info" },
        secret: { key: "API_TOKEN", value: `tok-${index}-5f1c0a9e7d3b` },
        mountPath: "/etc/app",
        requests: { cpu: "250m", memory: "256Mi" },
        limits: { cpu: "1", memory: "512Mi" },
        minReplicas: 2,
        maxReplicas: 10,
        cpuUtilization: 70,
    };
}

/** About 4 KiB of YAML, different for each app. */
function appYaml(index: number): string {
    const lines = [`service: app-${index}`, "routes:"];
    for (let route = 0; route < 100; route++) {
        lines.push(`  - path: /api/v1/resource-${route}`, `    upstream: app-${(index + route) % 997}:8080`);
    }
    return lines.join("\n") + "\n";
}
