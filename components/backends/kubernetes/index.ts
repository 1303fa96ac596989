import * as pulumi from "@pulumi/pulumi";
import { Backend } from "../backend";
import { unsupported } from "../capabilities";
import { renderKubernetesAutoscaling } from "./autoscaling";
import { renderKubernetesConfig } from "./config";
import { renderKubernetesApp } from "./container-app";
import { renderKubernetesNetwork } from "./network";
import { builtImagesNeedARegistry } from "./registry-rules";
import { meetsPodSecurity } from "./pod-security-rules";

/*
 * The Kubernetes backend: a namespace per AppNetwork (with Pod Security
 * labels and default-deny ingress), a ConfigMap and a Secret per AppConfig, a Deployment and Services
 * per ContainerApp, a HorizontalPodAutoscaler per AutoscalingPolicy.
 */
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
        rules: [builtImagesNeedARegistry, meetsPodSecurity],
        // NetworkPolicies name apps by label: nothing to learn about the network's other apps.
        declare: () => undefined,
        warnings: (app) =>
            app.restartPolicy !== "always" ? [unsupported("restart-policy", "kubernetes", `ContainerApp "${app.name}" restartPolicy "${app.restartPolicy}"`)] : [],
        // An autoscaler owns the replica count: the Deployment then leaves it out.
        render: (app, autoscaling, parent) =>
            renderKubernetesApp(app, autoscaling ? undefined : app.replicas, autoscaling?.maxReplicas ?? app.replicas, parent),
    },
    autoscaling: {
        rules: [],
        warnings: () => [],
        render: renderKubernetesAutoscaling,
    },
};
