import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { SystemOptions, benchApp, defaultSystem } from "./bench-app";
import { carefulConfigHash } from "./careful-config-hash";

/**
 * The benchmark system written by hand with @pulumi/kubernetes: the objects
 * berth creates on Kubernetes, with the same inputs, the way a careful user
 * writes them (labels, security context, probes, secret env by key, and a
 * config-hash annotation that rolls the pods and reveals no secret).
 */
export function rawKubernetesSystem(appCount: number, options: SystemOptions = defaultSystem): void {
    const networkName = options.network;
    // Without nodes pods never become ready: the provider must not wait for them.
    const annotations = options.skipAwait ? { "pulumi.com/skipAwait": "true" } : undefined;
    const networkLabels = { "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/part-of": networkName };
    // The API server holds every pod to the restricted Pod Security Standard.
    const podSecurity = { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/audit": "restricted" };
    const namespace = new k8s.core.v1.Namespace(networkName, { metadata: { name: networkName, labels: { ...networkLabels, ...podSecurity }, annotations } }).metadata.name;
    new k8s.networking.v1.NetworkPolicy(`${networkName}-default-deny`, {
        metadata: { name: "default-deny-ingress", namespace, labels: networkLabels, annotations },
        spec: { podSelector: {}, policyTypes: ["Ingress"] },
    });

    for (let index = 0; index < appCount; index++) {
        const app = benchApp(index);
        const token = pulumi.secret(app.secret.value);
        const configMap = new k8s.core.v1.ConfigMap(app.configName, {
            metadata: { name: app.configName, namespace, labels: networkLabels, annotations },
            data: { ...app.values, ...app.files },
        });
        const secret = new k8s.core.v1.Secret(`${app.configName}-secret`, {
            metadata: { name: app.configName, namespace, labels: networkLabels, annotations },
            type: "Opaque",
            stringData: pulumi.secret({ [app.secret.key]: token }),
        });

        const selector = { "app.kubernetes.io/name": app.name };
        const labels = { ...selector, "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/part-of": networkName };
        const metadata = { name: app.name, namespace, labels, annotations };
        // `up` waits for a rollout at most the health timeout (60 s) per replica it can run, not the provider's 10 minutes.
        const appMetadata = { ...metadata, annotations: annotations ?? { "pulumi.com/timeoutSeconds": String(60 * app.maxReplicas) } };
        const probe = { httpGet: { path: app.healthPath, port: app.port.port }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, initialDelaySeconds: 0 };
        // Liveness restarts only after more misses than readiness (berth's default livenessFailureThreshold, 6).
        const liveness = { ...probe, failureThreshold: 6 };
        const fileNames = Object.keys(app.files);
        new k8s.apps.v1.Deployment(app.name, {
            metadata: appMetadata,
            spec: {
                // No replicas: the HorizontalPodAutoscaler owns the count.
                selector: { matchLabels: selector },
                strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
                template: {
                    metadata: {
                        labels,
                        annotations: { "berth.dev/config-hash": carefulConfigHash(`${app.configName}`, { ...app.files, ...app.values }, token) },
                    },
                    spec: {
                        automountServiceAccountToken: false,
                        securityContext: {
                            runAsNonRoot: true,
                            runAsUser: 65532,
                            runAsGroup: 65532,
                            fsGroup: 65532,
                            fsGroupChangePolicy: "OnRootMismatch",
                            seccompProfile: { type: "RuntimeDefault" },
                        },
                        containers: [
                            {
                                name: app.name,
                                image: app.image,
                                env: [
                                    { name: app.secret.key, valueFrom: { secretKeyRef: { name: secret.metadata.name, key: app.secret.key } } },
                                    ...Object.keys(app.values).map((key) => ({ name: key, valueFrom: { configMapKeyRef: { name: configMap.metadata.name, key } } })),
                                    ...Object.entries(app.env).map(([name, value]) => ({ name, value })),
                                ],
                                ports: [{ name: app.port.name, containerPort: app.port.port, protocol: "TCP" }],
                                readinessProbe: probe,
                                livenessProbe: liveness,
                                resources: { requests: app.requests, limits: app.limits },
                                securityContext: {
                                    runAsNonRoot: true,
                                    runAsUser: 65532,
                                    runAsGroup: 65532,
                                    readOnlyRootFilesystem: true,
                                    allowPrivilegeEscalation: false,
                                    capabilities: { drop: ["ALL"] },
                                    seccompProfile: { type: "RuntimeDefault" },
                                },
                                // Serving ports: the pod drains for 5 s before it stops, so a rollout drops no request.
                                lifecycle: { preStop: { sleep: { seconds: 5 } } },
                                volumeMounts: [
                                    { name: "config-0", mountPath: app.mountPath, readOnly: true },
                                    { name: "tmp", mountPath: "/tmp" },
                                ],
                            },
                        ],
                        volumes: [
                            { name: "config-0", projected: { sources: [{ configMap: { name: configMap.metadata.name, items: fileNames.map((key) => ({ key, path: key })) } }] } },
                            { name: "tmp", emptyDir: {} },
                        ],
                    },
                },
            },
        });
        new k8s.core.v1.Service(app.name, {
            metadata: appMetadata,
            spec: {
                type: "ClusterIP",
                selector,
                ports: [{ name: app.port.name, port: app.port.port, targetPort: app.port.port, protocol: "TCP" }],
            },
        });
        // Named after the app, as berth names the autoscaler an app declares itself.
        new k8s.autoscaling.v2.HorizontalPodAutoscaler(app.name, {
            metadata,
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: app.name },
                minReplicas: app.minReplicas,
                maxReplicas: app.maxReplicas,
                metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: app.cpuUtilization } } }],
            },
        });
    }
}
