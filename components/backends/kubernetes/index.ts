import * as pulumi from "@pulumi/pulumi";
import { Backend } from "../backend";
import { unsupported } from "../capabilities";
import { renderKubernetesAutoscaling } from "./autoscaling";
import { renderKubernetesConfig } from "./config";
import { renderKubernetesApp } from "./container-app";
import { renderKubernetesJob } from "./container-job";
import { WorkloadModel } from "../../model/workload";
import { renderKubernetesNetwork } from "./network";
import { builtImagesNeedARegistry, builtJobImagesNeedARegistry } from "./registry-rules";
import { meetsPodSecurity } from "./pod-security-rules";
import { statefulNames } from "./stateful-rules";

/*
 * The Kubernetes backend: a namespace per AppNetwork (with Pod Security
 * labels and default-deny ingress), a ConfigMap and a Secret per AppConfig, a Deployment (or a
 * StatefulSet) and Services per ContainerApp, a Job per ContainerJob, a
 * HorizontalPodAutoscaler per AutoscalingPolicy.
 */

/** With skipAwait the provider creates a dependency's objects without waiting for them: dependsOn orders creation only. */
function awaitWarnings(kind: string, workload: Omit<WorkloadModel, "image">): string[] {
    return workload.skipAwait && workload.dependsOn.length > 0
        ? [unsupported("depends-on", "kubernetes", `${kind} "${workload.name}" dependsOn with skipAwait: the objects are created in order, nothing is awaited`)]
        : [];
}
export const kubernetesBackend: Backend = {
    target: "kubernetes",
    network: {
        name: (componentName, namespace) => namespace ?? componentName,
        nameScope: (networkName, providerScope) => `kubernetes ${providerScope} namespace ${networkName}`,
        warnings: () => [],
        render: renderKubernetesNetwork,
    },
    config: {
        // Pods roll through the config-hash annotation on their template.
        rollsAppsByHash: true,
        render: (config, parent) => {
            const refs: pulumi.Output<{ configMap?: string; secret?: string }> = pulumi.output(renderKubernetesConfig(config, parent));
            return { configMapName: refs.apply((r) => r.configMap), secretName: refs.apply((r) => r.secret) };
        },
    },
    app: {
        host: (app) => `${app.name}.${app.network.name}.svc`,
        rules: [builtImagesNeedARegistry, statefulNames, meetsPodSecurity],
        // NetworkPolicies name apps by label: nothing to learn about the network's other apps.
        declare: () => undefined,
        warnings: (app) => [
            ...(app.restartPolicy !== "always" ? [unsupported("restart-policy", "kubernetes", `ContainerApp "${app.name}" restartPolicy "${app.restartPolicy}"`)] : []),
            ...awaitWarnings("ContainerApp", app),
        ],
        // An autoscaler owns the replica count: the Deployment then leaves it out.
        render: (app, autoscaling, parent, dependencies) =>
            renderKubernetesApp(app, autoscaling ? undefined : app.replicas, autoscaling?.maxReplicas ?? app.replicas, parent, dependencies),
    },
    job: {
        rules: [builtJobImagesNeedARegistry],
        warnings: (job) => awaitWarnings("ContainerJob", job),
        render: renderKubernetesJob,
    },
    autoscaling: {
        rules: [],
        warnings: () => [],
        render: renderKubernetesAutoscaling,
    },
};
