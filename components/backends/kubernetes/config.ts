import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { networkLabels } from "../labels";
import { ConfigModel } from "../../model/config";
import { configMapData, configMapRefs, KubernetesConfigRefs, secretData, secretRefs } from "./config-refs";
import { objectMetadata } from "./metadata";
import { warnWithoutMutableConfig } from "./mutable-config";

/** The refs of each config rendered on Kubernetes, for the apps that use it (which always render after it). */
const renderedConfigs = new WeakMap<ConfigModel, Promise<KubernetesConfigRefs>>();

/** The refs of a config, for an app that uses it. */
export function configRefs(config: ConfigModel): Promise<KubernetesConfigRefs> {
    const refs = renderedConfigs.get(config);
    if (refs === undefined) {
        throw new Error(`AppConfig "${config.name}" has no Kubernetes objects: it was not rendered on Kubernetes`);
    }
    return refs;
}

/**
 * An AppConfig on Kubernetes: a ConfigMap with its plain files and values, and
 * a Secret with everything secret (declared secrets, and any file or value
 * that is a Pulumi secret). Both keep the config's name, so a change updates
 * them in place and leaves nothing behind; apps roll through the config hash.
 */
export function renderKubernetesConfig(config: ConfigModel, parent: pulumi.Resource): Promise<KubernetesConfigRefs> {
    const refs = createObjects(config, parent);
    renderedConfigs.set(config, refs);
    return refs;
}

async function createObjects(config: ConfigModel, parent: pulumi.Resource): Promise<KubernetesConfigRefs> {
    const contents = await config.contents;
    const metadata = objectMetadata(config.name, config.network.ref, networkLabels(config.network.name, {}), config.network.skipAwait);
    const refs: KubernetesConfigRefs = { envSources: {}, fileSources: [], secretValueFileSources: [] };
    const add = (more: Pick<KubernetesConfigRefs, "envSources" | "fileSources" | "secretValueFileSources">) => {
        refs.envSources = { ...refs.envSources, ...more.envSources };
        refs.fileSources = [...refs.fileSources, ...more.fileSources];
        refs.secretValueFileSources = [...refs.secretValueFileSources, ...more.secretValueFileSources];
    };

    const data = configMapData(contents);
    if (Object.keys(data).length > 0) {
        // Pulumi's SDK formats each top-level input with `${value}`, which throws for an object
        // whose own "toString" key is a string; as an Output the map is not formatted.
        const dataInput = Object.hasOwn(data, "toString") ? pulumi.output(data) : data;
        const configMap = new k8s.core.v1.ConfigMap(config.name, { metadata, data: dataInput }, { parent });
        refs.configMap = configMap.metadata.name;
        add(configMapRefs(configMap.metadata.name, contents));
    }

    const stringData = secretData(contents);
    if (Object.keys(stringData).length > 0) {
        const secret = new k8s.core.v1.Secret(`${config.name}-secret`, { metadata, type: "Opaque", stringData: pulumi.secret(stringData) }, { parent });
        refs.secret = secret.metadata.name;
        add(secretRefs(secret.metadata.name, contents));
    }
    warnWithoutMutableConfig(config, parent, { configMap: refs.configMap !== undefined, secret: refs.secret !== undefined });
    return refs;
}
