import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { AppModel, isStateful } from "../../model/app";
import { Readiness } from "../../validation/workload-roster";
import { RenderedApp } from "../backend";
import { kubernetesHelperImages, kubernetesImage } from "./container-image";
import { workloadBuildOwner } from "../image-build";
import { allowPolicySpec } from "./allow-policy";
import { egressPolicySpec } from "./egress-policy";
import { appContainer } from "./container";
import { deploymentSpec } from "./deployment";
import { ingressSpec, ingressUrl } from "./ingress";
import { workloadPod } from "./pod";
import { clusterServiceSpec, publicServiceSpec } from "./services";
import { headlessServiceName, headlessServiceSpec, statefulSetSpec } from "./stateful-set";
import { WorkloadObjects } from "./workload-objects";

/**
 * A ContainerApp on Kubernetes: a Deployment, or a StatefulSet (with its
 * headless Service) for an app that keeps data; a Secret for secret env
 * values, a ClusterIP Service for its ports, a LoadBalancer or NodePort
 * Service for the published ones (unless the app is reached through its
 * ingress only), an Ingress when asked, the NetworkPolicy that lets the
 * allowed traffic through the namespace's default deny, and one limiting
 * where the app may connect. Each object's spec
 * comes from a builder of its own (pod.ts, deployment.ts, stateful-set.ts,
 * services.ts, ...). The workload waits for its dependencies' (the provider
 * awaits their readiness or completion, unless they skip it).
 *
 * `replicas` undefined means an autoscaler owns the count; `mostReplicas` is
 * the most the app can run, which bounds how long `up` waits for a rollout.
 */
export async function renderKubernetesApp(app: AppModel, replicas: number | undefined, mostReplicas: number, parent: pulumi.Resource, dependencies: Readiness[]): Promise<RenderedApp> {
    const objects = new WorkloadObjects(app, parent, rolloutAwaitSeconds(app, mostReplicas));
    // The images as given, or built and pushed to the stack's registry (by digest).
    const owner = workloadBuildOwner(`ContainerApp "${app.name}"`, app);
    const image = await kubernetesImage(owner, app, parent);
    const helperImages = await kubernetesHelperImages(owner, app.initContainers, app.sidecars, parent);
    const template = await workloadPod(app, app.sidecars, objects, (env, mounts) => appContainer(app, image, env, mounts), helperImages);
    const after = objects.after(dependencies.flatMap((d) => d.resources));
    let workload: pulumi.CustomResource;
    if (isStateful(app)) {
        const headless = headlessServiceName(app.name);
        new k8s.core.v1.Service(headless, { metadata: objects.metadata("Service", headless), spec: headlessServiceSpec(app) }, objects.options);
        workload = new k8s.apps.v1.StatefulSet(app.name, { metadata: objects.metadata("StatefulSet", app.name), spec: statefulSetSpec(app, replicas, template) }, after);
    } else {
        workload = new k8s.apps.v1.Deployment(app.name, { metadata: objects.metadata("Deployment", app.name), spec: deploymentSpec(app, replicas, template) }, after);
    }
    createNetworking(app, objects);
    return {
        url: app.ingress ? ingressUrl(app.ingress) : undefined,
        resourceNames: objects.sortedNames(),
        readiness: { resources: [workload], succeeded: Promise.resolve(true) },
    };
}

/** How other apps and the outside reach the app, and where it may connect: its Services, its Ingress, its policies. */
function createNetworking(app: AppModel, objects: WorkloadObjects): void {
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
 * another (a Deployment's maxSurge 1, a StatefulSet's ordered pods), each given
 * healthyTimeoutSeconds to become ready. Without it an app that never becomes
 * ready holds `up` for the provider's 10 minutes.
 */
export function rolloutAwaitSeconds(app: AppModel, mostReplicas: number): number {
    return app.healthyTimeoutSeconds * Math.max(1, mostReplicas);
}
