import * as pulumi from "@pulumi/pulumi";
import { Target } from "../stack/target";
import { InputMap } from "./maps";
import { NetworkModel } from "./network";

/* An AppConfig, resolved: its contents by secrecy and its hash. */

/** A config's contents, split by secrecy: values that are Pulumi secrets are treated as declared secrets. */
export interface ConfigContents {
    plainFiles: InputMap;
    secretFiles: InputMap;
    plainValues: InputMap;
    secretValues: InputMap;
}

/** Names of the Kubernetes objects holding a config, as outputs of those objects. */
export interface KubernetesConfigRefs {
    configMap?: pulumi.Output<string>;
    secret?: pulumi.Output<string>;
}

export interface ConfigModel {
    name: string;
    target: Target;
    network: NetworkModel;
    /** File name -> content. A content that is a Pulumi secret is kept out of ConfigMaps. */
    files: InputMap;
    /** Env name -> value, exposed as env to apps that use the config. */
    values: InputMap;
    /** Env name -> value, always secret. */
    secrets: InputMap;
    /** Content hash: changes when any file, value or secret changes, reveals none of them. */
    hash: pulumi.Output<string>;
    contents: Promise<ConfigContents>;
    /** Set on the Kubernetes target once the ConfigMap / Secret are registered. */
    kubernetes?: Promise<KubernetesConfigRefs>;
}
