import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { configHashAnnotation } from "../../../shared/annotations";
import { rolloutHash } from "../../model/config-hash";
import { AppModel } from "../../model/app";
import { InputMap } from "../../model/maps";
import { appLabels, selectorLabels } from "../labels";
import { nonEmpty } from "../non-empty";
import { podSecurityContext } from "./security-context";

/**
 * The Deployment of an app's one container. `replicas` undefined means an
 * autoscaler owns the count: spec.replicas is then left out, so server-side
 * apply never fights the HorizontalPodAutoscaler.
 */
export function deploymentSpec(
    app: AppModel,
    replicas: number | undefined,
    pod: { container: k8s.types.input.core.v1.Container; volumes: k8s.types.input.core.v1.Volume[]; annotations?: Record<string, pulumi.Input<string>> },
): k8s.types.input.apps.v1.DeploymentSpec {
    return {
        replicas,
        selector: { matchLabels: selectorLabels(app.name) },
        // Keep every old pod until its replacement is ready.
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
            metadata: { labels: appLabels(app), annotations: pod.annotations },
            spec: {
                automountServiceAccountToken: false,
                securityContext: podSecurityContext(app.security),
                containers: [pod.container],
                volumes: nonEmpty(pod.volumes),
            },
        },
    };
}

/**
 * The pod-template annotation that rolls the pods when a config or a secret
 * env value changes (their hash); undefined when the app has neither.
 */
export function rolloutAnnotations(app: AppModel, secretEnv: InputMap): Record<string, pulumi.Input<string>> | undefined {
    const configHashes = app.configs.map((c) => c.config.hash);
    if (configHashes.length === 0 && Object.keys(secretEnv).length === 0) {
        return undefined;
    }
    return { [configHashAnnotation]: rolloutHash(app.name, configHashes, secretEnv) };
}
