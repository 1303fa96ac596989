import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { networkLabels } from "../labels";
import { ConfigModel } from "../../model/config";
import { objectMetadata } from "./metadata";
import { warnWithoutMutableConfig } from "./mutable-config";

/** Names of the Kubernetes objects holding a config, as outputs of those objects. */
export interface KubernetesConfigRefs {
    configMap?: pulumi.Output<string>;
    secret?: pulumi.Output<string>;
}

/** The objects made for each config, for the apps that use it (which always render after it). */
const renderedConfigs = new WeakMap<ConfigModel, Promise<KubernetesConfigRefs>>();

/** The objects holding a config, for an app that uses it. */
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
    const namespace = config.network.ref;
    const labels = networkLabels(config.network.name, {});
    const refs: KubernetesConfigRefs = {};

    const data = { ...contents.plainFiles, ...contents.plainValues };
    if (Object.keys(data).length > 0) {
        // Pulumi's SDK formats each top-level input with `${value}`, which throws for an object
        // whose own "toString" key is a string; as an Output the map is not formatted.
        const dataInput = Object.hasOwn(data, "toString") ? pulumi.output(sorted(data)) : sorted(data);
        const configMap = new k8s.core.v1.ConfigMap(
            config.name,
            { metadata: objectMetadata(config.name, namespace, labels, config.network.skipAwait), data: dataInput },
            { parent },
        );
        refs.configMap = configMap.metadata.name;
    }

    const secretData = { ...contents.secretFiles, ...contents.secretValues };
    if (Object.keys(secretData).length > 0) {
        const secret = new k8s.core.v1.Secret(
            `${config.name}-secret`,
            {
                metadata: objectMetadata(config.name, namespace, labels, config.network.skipAwait),
                type: "Opaque",
                stringData: pulumi.secret(sorted(secretData)),
            },
            { parent },
        );
        refs.secret = secret.metadata.name;
    }
    warnWithoutMutableConfig(config, parent, { configMap: refs.configMap !== undefined, secret: refs.secret !== undefined });
    return refs;
}

function sorted<T>(map: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.keys(map).sort().map((key) => [key, map[key]]));
}
