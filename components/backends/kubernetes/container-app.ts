import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { splitSecrets } from "../../model/secrets";
import { appEnv } from "../app-env";
import { RenderedApp } from "../backend";
import { appLabels } from "../labels";
import { configRefs } from "./config";
import { KubernetesConfigRefs, mountedFileSources } from "./config-refs";
import { kubernetesAppImage } from "./app-image";
import { appContainer } from "./container";
import { deploymentSpec, rolloutAnnotations } from "./deployment";
import { appSecretRefs, containerEnv } from "./env";
import { ingressSpec, ingressUrl } from "./ingress";
import { objectMetadata } from "./metadata";
import { allowPolicySpec } from "./allow-policy";
import { egressPolicySpec } from "./egress-policy";
import { clusterServiceSpec, publicServiceSpec } from "./services";
import { appVolumes, claimSpec, configVolumes, podVolumes, scratchVolume } from "./volumes";

/**
 * A ContainerApp on Kubernetes: a Deployment (plus a Secret for secret env
 * values), a ClusterIP Service for its ports, a LoadBalancer or NodePort
 * Service for the published ones (unless the app is reached through its
 * ingress only), an Ingress when asked, PersistentVolumeClaims for persistent
 * volumes, the NetworkPolicy that lets the allowed traffic through the
 * namespace's default deny, and one limiting where the app may connect. Each object's spec comes from a
 * builder of its own (container.ts, volumes.ts, services.ts, ...).
 *
 * `replicas` undefined means an autoscaler owns the count; `mostReplicas` is
 * the most the app can run, which bounds how long `up` waits for a rollout.
 */
export async function renderKubernetesApp(app: AppModel, replicas: number | undefined, mostReplicas: number, parent: pulumi.Resource): Promise<RenderedApp> {
    const objects = new AppObjects(app, parent, rolloutAwaitSeconds(app, mostReplicas));

    // Secret env values live in the app's own Secret, referenced by key: never a plain env var.
    const { secret: secretEnv } = await splitSecrets(app.env);
    let appSecret = {};
    if (Object.keys(secretEnv).length > 0) {
        const name = `${app.name}-env`;
        const secret = new k8s.core.v1.Secret(name, { metadata: objects.metadata("Secret", name), type: "Opaque", stringData: pulumi.secret(secretEnv) }, objects.options);
        appSecret = appSecretRefs(secret.metadata.name, Object.keys(secretEnv));
    }
    const configs = await configRefsByName(app);
    const envRefs = { configs: Object.fromEntries(Object.entries(configs).map(([name, refs]) => [name, refs.envSources])), appSecret };
    const env = containerEnv(await appEnv(app, secretEnv), envRefs);

    const claims: Record<string, pulumi.Input<string>> = {};
    for (const volume of app.volumes.filter((v) => v.persistent)) {
        const name = `${app.name}-${volume.name}`;
        const claim = new k8s.core.v1.PersistentVolumeClaim(name, { metadata: objects.metadata("PersistentVolumeClaim", name), spec: claimSpec(volume) }, objects.options);
        claims[volume.name] = claim.metadata.name;
    }
    const configFiles = configVolumes(app.configs, (mount) => mountedFileSources(configs[mount.config.name], mount.secretsAsFiles));
    const { volumes, mounts } = podVolumes(configFiles, scratchVolume(app.security), appVolumes(app.volumes, claims));

    const image = await kubernetesAppImage(app, parent);
    const pod = { container: appContainer(app, image, env, mounts), volumes, annotations: rolloutAnnotations(app, secretEnv) };
    new k8s.apps.v1.Deployment(app.name, { metadata: objects.metadata("Deployment", app.name), spec: deploymentSpec(app, replicas, pod) }, objects.options);
    createNetworking(app, objects);
    return { url: app.ingress ? ingressUrl(app.ingress) : undefined, resourceNames: objects.names.sort() };
}

/** How other apps and the outside reach the app, and where it may connect: its Services, its Ingress, its policies. */
function createNetworking(app: AppModel, objects: AppObjects): void {
    const cluster = clusterServiceSpec(app);
    if (cluster) {
        new k8s.core.v1.Service(app.name, { metadata: objects.metadata("Service", app.name), spec: cluster }, objects.options);
    }
    const published = publicServiceSpec(app);
    if (published) {
        const name = `${app.name}-public`;
        new k8s.core.v1.Service(name, { metadata: objects.metadata("Service", name), spec: published }, objects.options);
    }
    if (app.ingress) {
        new k8s.networking.v1.Ingress(app.name, { metadata: objects.metadata("Ingress", app.name), spec: ingressSpec(app.name, app.ingress) }, objects.options);
    }
    const allow = allowPolicySpec(app);
    if (allow) {
        const name = `${app.name}-allow`;
        new k8s.networking.v1.NetworkPolicy(name, { metadata: objects.metadata("NetworkPolicy", name), spec: allow }, objects.options);
    }
    const egress = egressPolicySpec(app);
    if (egress) {
        const name = `${app.name}-allow-egress`;
        new k8s.networking.v1.NetworkPolicy(name, { metadata: objects.metadata("NetworkPolicy", name), spec: egress }, objects.options);
    }
}

/**
 * How long `up` waits for the app's objects: a rollout starts one pod after
 * another (maxSurge 1), each given healthyTimeoutSeconds to become ready.
 * Without it an app that never becomes ready holds `up` for the provider's
 * 10 minutes.
 */
export function rolloutAwaitSeconds(app: AppModel, mostReplicas: number): number {
    return app.healthyTimeoutSeconds * Math.max(1, mostReplicas);
}

/** The app's objects: each in its namespace under the app's labels, a child of the app, its name recorded. */
class AppObjects {
    readonly names: string[] = [];

    constructor(
        private readonly app: AppModel,
        private readonly parent: pulumi.Resource,
        private readonly awaitSeconds: number,
    ) {}

    get options(): pulumi.CustomResourceOptions {
        return { parent: this.parent };
    }

    metadata(kind: string, name: string) {
        this.names.push(`${kind}/${name}`);
        return objectMetadata(name, this.app.network.ref, appLabels(this.app), this.app.skipAwait, this.awaitSeconds);
    }
}

/** The refs of each config the app uses, by config name. */
async function configRefsByName(app: AppModel): Promise<Record<string, KubernetesConfigRefs>> {
    const byName: Record<string, KubernetesConfigRefs> = {};
    for (const mount of app.configs) {
        byName[mount.config.name] = await configRefs(mount.config);
    }
    return byName;
}
