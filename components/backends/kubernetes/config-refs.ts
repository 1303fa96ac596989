import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ConfigContents } from "../../model/config";
import { InputMap, sortedMap } from "../../model/maps";

type EnvVarSource = k8s.types.input.core.v1.EnvVarSource;
type VolumeProjection = k8s.types.input.core.v1.VolumeProjection;

/*
 * How a config's contents reach the apps that use it on Kubernetes: a
 * ConfigMap with the plain files and values, a Secret with everything secret,
 * and for each key the reference an app's env var or volume takes. The refs
 * are built from the objects' names, so an app only ever refers to an object
 * that holds the key.
 */

/** What apps take from a config's objects. */
export interface KubernetesConfigRefs {
    /** The ConfigMap's name, when the config has plain content. */
    configMap?: pulumi.Output<string>;
    /** The Secret's name, when the config has secret content. */
    secret?: pulumi.Output<string>;
    /** The env var source of each value and secret, by key. */
    envSources: Record<string, EnvVarSource>;
    /** The projected-volume sources that put every file of the config in one directory. */
    fileSources: VolumeProjection[];
    /** The projected-volume sources that put each secret value in a file named by its key (secretsAsFiles). */
    secretValueFileSources: VolumeProjection[];
}

type ObjectRefs = Pick<KubernetesConfigRefs, "envSources" | "fileSources" | "secretValueFileSources">;

/** The ConfigMap's data: plain files and values, sorted by key. */
export function configMapData(contents: ConfigContents): InputMap {
    return sortedMap({ ...contents.plainFiles, ...contents.plainValues });
}

/** The Secret's data: secret files and values, sorted by key (the caller keeps it a Pulumi secret). */
export function secretData(contents: ConfigContents): InputMap {
    return sortedMap({ ...contents.secretFiles, ...contents.secretValues });
}

/** The refs to a config's ConfigMap, for its plain files and values. */
export function configMapRefs(name: pulumi.Input<string>, contents: ConfigContents): ObjectRefs {
    const files = Object.keys(contents.plainFiles);
    return {
        envSources: Object.fromEntries(Object.keys(contents.plainValues).map((key) => [key, { configMapKeyRef: { name, key } }])),
        fileSources: files.length > 0 ? [{ configMap: { name, items: files.map((key) => ({ key, path: key })) } }] : [],
        secretValueFileSources: [],
    };
}

/** The refs to a config's Secret, for its secret files and values. */
export function secretRefs(name: pulumi.Input<string>, contents: ConfigContents): ObjectRefs {
    const files = Object.keys(contents.secretFiles);
    const values = Object.keys(contents.secretValues);
    return {
        envSources: Object.fromEntries(values.map((key) => [key, { secretKeyRef: { name, key } }])),
        fileSources: files.length > 0 ? [{ secret: { name, items: files.map((key) => ({ key, path: key })) } }] : [],
        secretValueFileSources: values.length > 0 ? [{ secret: { name, items: values.map((key) => ({ key, path: key })) } }] : [],
    };
}

/** What one mount of a config shows in its directory: the config's files, and its secret values too with secretsAsFiles. */
export function mountedFileSources(refs: KubernetesConfigRefs, secretsAsFiles: boolean): VolumeProjection[] {
    return [...refs.fileSources, ...(secretsAsFiles ? refs.secretValueFileSources : [])];
}
