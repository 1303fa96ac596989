import { performance } from "perf_hooks";
import { failOnHits } from "../../cli/review/fail-on";
import { renderReport } from "../../cli/review/report/markdown";
import { readPreview } from "../../cli/review/read/preview";
import { reviewStack } from "../../cli/review/stack-review";

/*
 * Benchmark of `berth review` on a huge stack: a preview of 5,000 steps
 * (1,000 apps, each a Deployment rolling for a config change, a Service, an
 * Ingress, a persistent volume claim being deleted, and a ConfigMap), with
 * states the size berth's real objects have. Prints the time of each phase;
 * run with `npm run bench:review`.
 */

const apps = 1000;
const iterations = 20;

function deployment(name: string, hash: string, image: string) {
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { labels: { "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "shop" }, name, namespace: "shop" },
        spec: {
            replicas: 3,
            selector: { matchLabels: { "app.kubernetes.io/name": name } },
            strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }, type: "RollingUpdate" },
            template: {
                metadata: { annotations: { "berth.dev/config-hash": hash }, labels: { "app.kubernetes.io/name": name } },
                spec: {
                    automountServiceAccountToken: false,
                    containers: [
                        {
                            name,
                            image,
                            env: [
                                { name: "API_TOKEN", valueFrom: { secretKeyRef: { key: "API_TOKEN", name: `${name}-config` } } },
                                { name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { key: "LOG_LEVEL", name: `${name}-config` } } },
                            ],
                            ports: [{ containerPort: 8080, name: "http", protocol: "TCP" }],
                            readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 },
                            resources: { limits: { cpu: "1", memory: "512Mi" }, requests: { cpu: "250m", memory: "256Mi" } },
                            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true, runAsNonRoot: true },
                        },
                    ],
                    volumes: [{ name: "config-0", projected: { sources: [{ configMap: { items: [{ key: "app.yaml", path: "app.yaml" }], name: `${name}-config` } }] } }],
                },
            },
        },
    };
}

function step(op: string, chain: string, name: string, parent: string, old: unknown, next: unknown, detailedDiff: Record<string, { kind: string }> | null) {
    const urn = `urn:pulumi:prod::berth-shop::${chain}::${name}`;
    const type = chain.split("$").pop()!;
    const state = (inputs: unknown) => (inputs === undefined ? undefined : { urn, type, custom: true, inputs, outputs: inputs, parent });
    return { op, urn, oldState: state(old), newState: state(next), detailedDiff };
}

function hugePreview(): string {
    const steps: unknown[] = [];
    for (let i = 0; i < apps; i++) {
        const name = `app-${i}`;
        const app = `urn:pulumi:prod::berth-shop::berth:index:ContainerApp::${name}`;
        const config = `urn:pulumi:prod::berth-shop::berth:index:AppConfig::${name}-config`;
        const cm = { apiVersion: "v1", kind: "ConfigMap", data: { "app.yaml": `greeting: ${i}\n`, LOG_LEVEL: "info" }, metadata: { name: `${name}-config`, namespace: "shop" } };
        steps.push(step("update", "berth:index:AppConfig$kubernetes:core/v1:ConfigMap", `${name}-config`, config, cm, cm, { 'data["app.yaml"]': { kind: "update" } }));
        steps.push(
            step("update", "berth:index:ContainerApp$kubernetes:apps/v1:Deployment", name, app, deployment(name, "a".repeat(64), "registry.example.com/shop/app:1.0.0"), deployment(name, "b".repeat(64), "registry.example.com/shop/app:1.1.0"), {
                'spec.template.metadata.annotations["berth.dev/config-hash"]': { kind: "update" },
                "spec.template.spec.containers[0].image": { kind: "update" },
            }),
        );
        const service = { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "shop" }, spec: { type: "ClusterIP", ports: [{ port: 8080 }] } };
        steps.push(step("create", "berth:index:ContainerApp$kubernetes:core/v1:Service", name, app, undefined, service, null));
        const ingress = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name }, spec: { rules: [{ host: `${name}.example.com` }], tls: [{ secretName: "tls" }] } };
        steps.push(step("update", "berth:index:ContainerApp$kubernetes:networking.k8s.io/v1:Ingress", name, app, ingress, { ...ingress, spec: { rules: ingress.spec.rules } }, { "spec.tls": { kind: "delete" } }));
        const claim = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: `${name}-data` }, spec: { resources: { requests: { storage: "1Gi" } } } };
        steps.push(step("delete", "berth:index:ContainerApp$kubernetes:core/v1:PersistentVolumeClaim", `${name}-data`, app, claim, undefined, null));
    }
    return JSON.stringify({ steps, changeSummary: { update: 3 * apps, create: apps, delete: apps } }, null, 4);
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** Wall-clock and CPU milliseconds of a phase (CPU time counts this process only, so other load on the machine does not inflate it). */
function timed<T>(run: () => T): { result: T; wall: number; cpu: number } {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = run();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { result, wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function main(): void {
    const text = hugePreview();
    const phases: Record<string, { wall: number[]; cpu: number[] }> = {};
    const record = (phase: string, time: { wall: number; cpu: number }) => {
        phases[phase] = phases[phase] ?? { wall: [], cpu: [] };
        phases[phase].wall.push(time.wall);
        phases[phase].cpu.push(time.cpu);
    };
    let reportLength = 0;
    for (let i = 0; i < iterations + 3; i++) {
        const read = timed(() => readPreview(text, "bench"));
        const classify = timed(() => {
            const review = reviewStack("prod", read.result);
            failOnHits([review], ["stateful-delete", "replace"]);
            return review;
        });
        const render = timed(() => renderReport([classify.result]));
        reportLength = render.result.length;
        // The first runs warm the JIT; a CI run is one cold run, so the max is printed too.
        if (i >= 3) {
            record("read", read);
            record("classify", classify);
            record("render", render);
            record("total", { wall: read.wall + classify.wall + render.wall, cpu: read.cpu + classify.cpu + render.cpu });
        }
    }
    const stepsCount = (JSON.parse(text) as { steps: unknown[] }).steps.length;
    console.log(`berth review benchmark: ${stepsCount} steps, preview ${(text.length / 1e6).toFixed(1)} MB, report ${(reportLength / 1e3).toFixed(0)} kB, ${iterations} runs`);
    console.log("             wall: median      min      max    cpu: median");
    const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;
    for (const [phase, times] of Object.entries(phases)) {
        console.log(`  ${phase.padEnd(9)}  ${ms(median(times.wall))}${ms(Math.min(...times.wall))}${ms(Math.max(...times.wall))}    ${ms(median(times.cpu))}`);
    }
}

main();
