import * as pulumi from "@pulumi/pulumi";
import type { AppConfigSpec } from "../args/app-config";
import { Target } from "../stack/target";
import { configHash } from "./config-hash";
import { InputMap, sortedMap } from "./maps";
import { NetworkModel } from "./network";
import { asSecrets, splitSecrets } from "./secrets";

/* An AppConfig, resolved: its contents by secrecy and its hash. */

/** A config's contents, split by secrecy: values that are Pulumi secrets are treated as declared secrets. */
export interface ConfigContents {
    plainFiles: InputMap;
    secretFiles: InputMap;
    plainValues: InputMap;
    secretValues: InputMap;
}

export interface ConfigModel {
    name: string;
    target: Target;
    network: NetworkModel;
    /** Content hash: changes when any file, value or secret changes, reveals none of them. */
    hash: pulumi.Output<string>;
    /** Files, values and secrets, classified once for the backends and the hash. */
    contents: Promise<ConfigContents>;
    /** Whether the config deploys through its target's default provider (stack config), not an explicit one. */
    defaultProvider: boolean;
}

/** The model of a valid AppConfig. */
export function configModel(name: string, spec: AppConfigSpec, placement: { target: Target; network: NetworkModel; defaultProvider: boolean }): ConfigModel {
    const contents = classify(sortedMap(spec.files), sortedMap(spec.values), asSecrets(sortedMap(spec.secrets)));
    // The hash costs a scrypt run (tens of ms of CPU) per config with secrets, and no
    // Docker child needs it: it is computed on first read (by an app on Kubernetes, or the program).
    let hash: pulumi.Output<string> | undefined;
    return {
        name,
        ...placement,
        get hash() {
            return (hash ??= configHash(name, contents));
        },
        contents,
    };
}

/** Splits contents by secrecy once, for both backends and the hash. */
async function classify(files: InputMap, values: InputMap, secrets: InputMap): Promise<ConfigContents> {
    const splitFiles = await splitSecrets(files);
    const splitValues = await splitSecrets(values);
    return {
        plainFiles: splitFiles.plain,
        secretFiles: splitFiles.secret,
        plainValues: splitValues.plain,
        secretValues: sortedMap({ ...splitValues.secret, ...secrets }),
    };
}
