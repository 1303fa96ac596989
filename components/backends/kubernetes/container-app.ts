import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { configHashAnnotation } from "../../../shared/annotations";
import { appLabels, selectorLabels } from "../labels";
import { AppModel, HealthCheckModel } from "../../model/app";
import { rolloutHash } from "../../model/config-hash";
import { splitSecrets } from "../../model/secrets";
import { appEnv } from "../app-env";
import { RenderedApp } from "../backend";
import { configRefs } from "./config";
import { objectMetadata } from "./metadata";

type Container = k8s.types.input.core.v1.Container;
type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;
type EnvVar = k8s.types.input.core.v1.EnvVar;

/**
 * A ContainerApp on Kubernetes: a Deployment (plus a Secret for secret env
 * values), a ClusterIP Service for its ports, a LoadBalancer Service for the
 * published ones, an Ingress when asked, PersistentVolumeClaims for
 * persistent volumes, and the NetworkPolicy that lets the allowed traffic
 * through the namespace's default deny.
 *
 * `replicas` undefined means an autoscaler owns the count: the Deployment
 * then omits spec.replicas so server-side apply never fights the HPA.
 */
export async function renderKubernetesApp(app: AppModel, replicas: number | undefined, parent: pulumi.Resource): Promise<RenderedApp> {
    const namespace = app.network.ref;
    const labels = appLabels(app);
    const metadata = (name: string) => objectMetadata(name, namespace, labels, app.skipAwait);
    const resourceNames: string[] = [];

    // Secret env values live in the app's own Secret, referenced by key: never a plain env var.
    const { secret: secretEnv } = await splitSecrets(app.env);
    let envSecretName: pulumi.Output<string> | undefined;
    if (Object.keys(secretEnv).length > 0) {
        const envSecret = new k8s.core.v1.Secret(
            `${app.name}-env`,
            { metadata: metadata(`${app.name}-env`), type: "Opaque", stringData: pulumi.secret(secretEnv) },
            { parent },
        );
        envSecretName = envSecret.metadata.name;
        resourceNames.push(`Secret/${app.name}-env`);
    }

    const env: EnvVar[] = [];
    for (const source of await appEnv(app, secretEnv)) {
        if (source.config !== undefined) {
            const refs = await configRefs(app.configs.find((c) => c.config.name === source.config)!.config);
            env.push(
                source.secret
                    ? { name: source.name, valueFrom: { secretKeyRef: { name: refs.secret!, key: source.name } } }
                    : { name: source.name, valueFrom: { configMapKeyRef: { name: refs.configMap!, key: source.name } } },
            );
        } else if (source.secret) {
            env.push({ name: source.name, valueFrom: { secretKeyRef: { name: envSecretName!, key: source.name } } });
        } else {
            env.push({ name: source.name, value: source.value });
        }
    }

    const volumes: Volume[] = [];
    const mounts: VolumeMount[] = [];
    for (const [index, mount] of app.configs.entries()) {
        if (mount.mountPath === undefined) {
            continue;
        }
        const contents = await mount.config.contents;
        const refs = await configRefs(mount.config);
        const plainFiles = Object.keys(contents.plainFiles);
        const secretFiles = Object.keys(contents.secretFiles);
        const volumeName = `config-${index}`;
        volumes.push({
            name: volumeName,
            projected: {
                sources: [
                    ...(plainFiles.length > 0 ? [{ configMap: { name: refs.configMap!, items: plainFiles.map((key) => ({ key, path: key })) } }] : []),
                    ...(secretFiles.length > 0 ? [{ secret: { name: refs.secret!, items: secretFiles.map((key) => ({ key, path: key })) } }] : []),
                ],
            },
        });
        mounts.push({ name: volumeName, mountPath: mount.mountPath, readOnly: true });
    }
    if (app.security.readOnlyRootFilesystem) {
        // A read-only root still needs somewhere to write scratch files.
        volumes.push({ name: "tmp", emptyDir: {} });
        mounts.push({ name: "tmp", mountPath: "/tmp" });
    }
    for (const volume of app.volumes) {
        if (volume.persistent) {
            const claimName = `${app.name}-${volume.name}`;
            const claim = new k8s.core.v1.PersistentVolumeClaim(
                claimName,
                {
                    metadata: metadata(claimName),
                    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: volume.size } } },
                },
                { parent },
            );
            volumes.push({ name: `volume-${volume.name}`, persistentVolumeClaim: { claimName: claim.metadata.name } });
            resourceNames.push(`PersistentVolumeClaim/${claimName}`);
        } else {
            volumes.push({ name: `volume-${volume.name}`, emptyDir: {} });
        }
        mounts.push({ name: `volume-${volume.name}`, mountPath: volume.mountPath, readOnly: volume.readOnly || undefined });
    }

    const container: Container = {
        name: app.name,
        image: app.image,
        command: app.command,
        args: app.args,
        env: env.length > 0 ? env : undefined,
        ports: app.ports.length > 0 ? app.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol.toUpperCase() })) : undefined,
        readinessProbe: app.healthCheck ? probe(app.healthCheck) : undefined,
        livenessProbe: app.healthCheck ? probe(app.healthCheck) : undefined,
        resources: resources(app),
        securityContext: {
            runAsNonRoot: app.security.runAsNonRoot,
            runAsUser: app.security.runAsNonRoot ? app.security.runAsUser : undefined,
            runAsGroup: app.security.runAsNonRoot ? app.security.runAsGroup : undefined,
            readOnlyRootFilesystem: app.security.readOnlyRootFilesystem,
            allowPrivilegeEscalation: app.security.allowPrivilegeEscalation,
            capabilities: app.security.dropAllCapabilities ? { drop: ["ALL"] } : undefined,
            seccompProfile: { type: "RuntimeDefault" },
        },
        volumeMounts: mounts.length > 0 ? mounts : undefined,
    };

    const configHashes = app.configs.map((c) => c.config.hash);
    const rollsOn = configHashes.length > 0 || Object.keys(secretEnv).length > 0;
    new k8s.apps.v1.Deployment(
        app.name,
        {
            metadata: metadata(app.name),
            spec: {
                replicas,
                selector: { matchLabels: selectorLabels(app.name) },
                // Keep every old pod until its replacement is ready.
                strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
                template: {
                    metadata: {
                        labels,
                        annotations: rollsOn ? { [configHashAnnotation]: rolloutHash(app.name, configHashes, secretEnv) } : undefined,
                    },
                    spec: {
                        automountServiceAccountToken: false,
                        containers: [container],
                        volumes: volumes.length > 0 ? volumes : undefined,
                    },
                },
            },
        },
        { parent },
    );
    resourceNames.push(`Deployment/${app.name}`);

    if (app.ports.length > 0) {
        new k8s.core.v1.Service(
            app.name,
            {
                metadata: metadata(app.name),
                spec: {
                    type: "ClusterIP",
                    selector: selectorLabels(app.name),
                    ports: app.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: p.protocol.toUpperCase() })),
                },
            },
            { parent },
        );
        resourceNames.push(`Service/${app.name}`);
    }

    const published = app.ports.filter((p) => p.publish !== undefined);
    if (published.length > 0) {
        new k8s.core.v1.Service(
            `${app.name}-public`,
            {
                metadata: metadata(`${app.name}-public`),
                spec: {
                    type: "LoadBalancer",
                    selector: selectorLabels(app.name),
                    ports: published.map((p) => ({ name: p.name, port: p.publish!, targetPort: p.port, protocol: p.protocol.toUpperCase() })),
                },
            },
            { parent },
        );
        resourceNames.push(`Service/${app.name}-public`);
    }

    let url: string | undefined;
    if (app.ingress) {
        const ingress = app.ingress;
        new k8s.networking.v1.Ingress(
            app.name,
            {
                metadata: metadata(app.name),
                spec: {
                    ingressClassName: ingress.className,
                    tls: ingress.tlsSecretName ? [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] : undefined,
                    rules: [
                        {
                            host: ingress.host,
                            http: {
                                paths: [
                                    {
                                        path: ingress.path,
                                        pathType: "Prefix",
                                        backend: { service: { name: app.name, port: { name: ingress.portName } } },
                                    },
                                ],
                            },
                        },
                    ],
                },
            },
            { parent },
        );
        resourceNames.push(`Ingress/${app.name}`);
        url = `${ingress.tlsSecretName ? "https" : "http"}://${ingress.host}${ingress.path}`;
    }

    const allowPolicy = allowRules(app);
    if (app.network.defaultDenyIngress && allowPolicy.length > 0) {
        new k8s.networking.v1.NetworkPolicy(
            `${app.name}-allow`,
            {
                metadata: metadata(`${app.name}-allow`),
                spec: { podSelector: { matchLabels: selectorLabels(app.name) }, policyTypes: ["Ingress"], ingress: allowPolicy },
            },
            { parent },
        );
        resourceNames.push(`NetworkPolicy/${app.name}-allow`);
    }

    return { url, resourceNames: resourceNames.sort() };
}

/** Readiness and liveness use the same check: an app that cannot answer is neither ready nor alive. */
function probe(check: HealthCheckModel): k8s.types.input.core.v1.Probe {
    const timing = {
        periodSeconds: check.intervalSeconds,
        timeoutSeconds: check.timeoutSeconds,
        failureThreshold: check.failureThreshold,
        initialDelaySeconds: check.initialDelaySeconds,
    };
    if (check.kind === "http") {
        return { httpGet: { path: check.path, port: check.port! }, ...timing };
    }
    if (check.kind === "tcp") {
        return { tcpSocket: { port: check.port! }, ...timing };
    }
    return { exec: { command: check.command }, ...timing };
}

function resources(app: AppModel): k8s.types.input.core.v1.ResourceRequirements | undefined {
    const { requests, limits } = app.resources;
    const compact = (amounts: { cpu?: string; memory?: string }) =>
        amounts.cpu || amounts.memory ? { ...(amounts.cpu ? { cpu: amounts.cpu } : {}), ...(amounts.memory ? { memory: amounts.memory } : {}) } : undefined;
    const r = compact(requests);
    const l = compact(limits);
    return r || l ? { requests: r, limits: l } : undefined;
}

/** Who may reach the app through the default deny: named apps on all ports; anyone on published and ingress ports. */
function allowRules(app: AppModel): k8s.types.input.networking.v1.NetworkPolicyIngressRule[] {
    const rules: k8s.types.input.networking.v1.NetworkPolicyIngressRule[] = [];
    if (app.allowFrom.length > 0 && app.ports.length > 0) {
        rules.push({
            from: [...app.allowFrom].sort().map((name) => ({ podSelector: { matchLabels: selectorLabels(name) } })),
            ports: app.ports.map((p) => ({ port: p.port, protocol: p.protocol.toUpperCase() })),
        });
    }
    const open = app.ports.filter((p) => p.publish !== undefined || p.name === app.ingress?.portName);
    if (open.length > 0) {
        // No `from`: traffic from a load balancer or an ingress controller comes from outside the namespace.
        rules.push({ ports: open.map((p) => ({ port: p.port, protocol: p.protocol.toUpperCase() })) });
    }
    return rules;
}
