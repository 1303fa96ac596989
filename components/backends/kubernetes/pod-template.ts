import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { configHashAnnotation } from "../../../shared/annotations";
import { rolloutHash } from "../../model/config-hash";
import { ConfigModel } from "../../model/config";
import { InputMap, StringMap } from "../../model/maps";
import { SecurityModel } from "../../model/app";
import { nonEmpty } from "../non-empty";
import { podSecurityContext } from "./security-context";

type Container = k8s.types.input.core.v1.Container;

/** What a workload's pod is made of. */
export interface PodParts {
    /** The workload's own container. */
    container: Container;
    /** Init containers, then native sidecars, in the order they start. */
    initContainers?: Container[];
    volumes: k8s.types.input.core.v1.Volume[];
    annotations?: Record<string, pulumi.Input<string>>;
}

/**
 * The pod template of a Deployment, StatefulSet or Job: the workload's labels,
 * no service account token, the pod's security settings (the workload's, with
 * the fsGroup that owns its volumes), its containers and volumes (empty lists
 * left out).
 * A Job's pods never restart in place (`restartPolicy: Never`): a failed run
 * is retried in a new pod, up to the job's retries.
 */
export function podTemplate(labels: StringMap, security: SecurityModel, pod: PodParts, restartPolicy?: "Never"): k8s.types.input.core.v1.PodTemplateSpec {
    return {
        metadata: { labels, annotations: pod.annotations },
        spec: {
            automountServiceAccountToken: false,
            securityContext: podSecurityContext(security),
            restartPolicy,
            initContainers: nonEmpty(pod.initContainers ?? []),
            containers: [pod.container],
            volumes: nonEmpty(pod.volumes),
        },
    };
}

/**
 * The pod-template annotation that rolls the pods (or re-runs the job) when a
 * config its containers use or a secret env value changes (their hash);
 * undefined when it has neither.
 */
export function rolloutAnnotations(workloadName: string, configs: ConfigModel[], secretEnv: InputMap): Record<string, pulumi.Input<string>> | undefined {
    if (configs.length === 0 && Object.keys(secretEnv).length === 0) {
        return undefined;
    }
    return { [configHashAnnotation]: rolloutHash(workloadName, configs.map((c) => c.hash), secretEnv) };
}
