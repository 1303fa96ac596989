import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { EnvSource } from "../app-env";

type EnvVar = k8s.types.input.core.v1.EnvVar;
type EnvVarSource = k8s.types.input.core.v1.EnvVarSource;

/** Where the env values that are not written into the pod template live: configs' objects, and the workload's own Secret. */
export interface EnvRefs {
    /** Each config's env var sources by key, by config name. */
    configs: Record<string, Record<string, EnvVarSource>>;
    /** The app's own Secret (`<app>-env`) by key, for its secret env values. */
    appSecret: Record<string, EnvVarSource>;
}

/**
 * The container's env: plain app values written in, everything else a
 * reference to the ConfigMap or Secret holding it, so no secret is ever a
 * plain env var. Sorted by name (appEnv's order).
 */
export function containerEnv(sources: EnvSource[], refs: EnvRefs): EnvVar[] {
    return sources.map((source) => {
        if (source.config !== undefined) {
            return { name: source.name, valueFrom: keyRef(refs.configs[source.config], source.name) };
        }
        if (source.secret) {
            return { name: source.name, valueFrom: keyRef(refs.appSecret, source.name) };
        }
        return { name: source.name, value: source.value };
    });
}

/**
 * The workload Secret's refs for one container, by env name: one per secret
 * env value. The Secret holds the secret env of all the pod's containers: the
 * workload's own under their names, a helper's under `<helper>.<name>`.
 */
export function appSecretRefs(secretName: pulumi.Input<string>, keys: string[], keyPrefix = ""): Record<string, EnvVarSource> {
    return Object.fromEntries(keys.map((key) => [key, { secretKeyRef: { name: secretName, key: `${keyPrefix}${key}` } }]));
}

function keyRef(refs: Record<string, EnvVarSource> | undefined, key: string): EnvVarSource {
    const ref = refs?.[key];
    if (ref === undefined) {
        throw new Error(`env ${key}: no ConfigMap or Secret holds it`);
    }
    return ref;
}
