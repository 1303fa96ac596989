import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import * as berth from "berth";

/**
 * A prod stack that passes berth's own prod checks (pinned images, limits,
 * health checks, two replicas) yet breaks berth's policy pack where berth
 * cannot see or cannot help it:
 * - api: a database password in a plain env var (berth-no-plaintext-secrets);
 * - web (Kubernetes): a public ingress without TLS (berth-ingress-tls-required);
 * - legacy-agent: a hand-written container next to berth, on `:latest`,
 *   privileged, without limits or a health check (berth-no-mutable-image-tags,
 *   berth-no-privileged-containers, berth-resource-limits-required,
 *   berth-health-checks-required).
 * With `compliant: true` each of those is fixed the way policies/README.md
 * says, and the same stack keeps every rule.
 */
export = () => {
    const target = new pulumi.Config("berth").require("target");
    const compliant = new pulumi.Config().getBoolean("compliant") ?? false;
    const password = "correct-horse-battery-staple";
    const net = new berth.AppNetwork("policy", {});
    const prodReady = {
        resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
        replicas: 2,
    };

    new berth.ContainerApp("api", {
        ...prodReady,
        network: net,
        image: "registry.example.com/policy/api:2.3.1@sha256:c9dd702d7a10b8c195f4e4118dac40a6351daf9568b736d4bd8427c7a7b62892",
        ports: [{ name: "http", port: 8080 }],
        env: { DB_PASSWORD: compliant ? pulumi.secret(password) : password },
        healthCheck: { http: { path: "/healthz", port: 8080 } },
    });

    new berth.ContainerApp("web", {
        ...prodReady,
        network: net,
        image: "registry.example.com/policy/web:2.3.1@sha256:942fa8a2555f571913963907d623f21b49b412cda0d95df86d98e3f0d4e4fbc5",
        ports: [{ name: "http", port: 8080 }],
        healthCheck: { http: { path: "/", port: 8080 } },
        ingress: target === "kubernetes" ? { host: "policy.example.com", port: "http", tlsSecretName: compliant ? "policy-tls" : undefined } : undefined,
    });

    const agentImage = compliant ? "nginx:1.27.3" : "nginx:latest";
    if (target === "kubernetes") {
        new k8s.apps.v1.Deployment("legacy-agent", {
            metadata: { name: "legacy-agent", namespace: net.networkName },
            spec: {
                selector: { matchLabels: { app: "legacy-agent" } },
                template: {
                    metadata: { labels: { app: "legacy-agent" } },
                    spec: {
                        containers: [
                            compliant
                                ? {
                                      name: "agent",
                                      image: agentImage,
                                      resources: { limits: { cpu: "200m", memory: "64Mi" } },
                                      readinessProbe: { httpGet: { path: "/", port: 80 } },
                                  }
                                : { name: "agent", image: agentImage, securityContext: { privileged: true } },
                        ],
                    },
                },
            },
        });
    } else {
        new docker.Container(
            "legacy-agent",
            compliant
                ? {
                      name: "policy-legacy-agent",
                      image: agentImage,
                      memory: 64,
                      healthcheck: { tests: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"] },
                  }
                : { name: "policy-legacy-agent", image: agentImage, privileged: true },
        );
    }
};
