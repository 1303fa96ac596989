import * as pulumi from "@pulumi/pulumi";
import { BerthValidationError, parseArgs } from "./validation/errors";
import { claimDerivedNames, derivedNameClashes } from "./validation/claims";
import { appConfigSchema } from "./args/app-config";
import { asSecrets, maybeSecret, splitSecrets } from "./model/secrets";
import { ConfigContents, ConfigModel } from "./model/config";
import { sortedMap } from "./model/maps";
import { resolveTarget } from "./stack/target";
import { targetMismatchProblem } from "./args/component-refs";
import { configHash } from "./model/config-hash";
import { renderKubernetesConfig } from "./backends/kubernetes/config";
import type { AppNetwork } from "./app-network";

export interface AppConfigArgs {
    /** The network whose apps use this config (on Kubernetes, its namespace holds the ConfigMap and Secret). */
    network: AppNetwork;
    /**
     * "docker" or "kubernetes"; must match the network's.
     * @default the network's target
     */
    target?: string;
    /**
     * Files, by file name: delivered into every app that mounts this config at its `mountPath`.
     * A content that is a Pulumi secret is treated as a secret file.
     * @default {}
     */
    files?: { [fileName: string]: pulumi.Input<string> };
    /**
     * Plain values, by env var name: exposed as env to apps that use this config.
     * A value that is a Pulumi secret is treated as a secret.
     * @default {}
     */
    values?: { [name: string]: pulumi.Input<string> };
    /**
     * Secret values, by env var name: always Pulumi secrets, a Kubernetes Secret, never in a ConfigMap.
     * @default {}
     */
    secrets?: { [name: string]: pulumi.Input<string> };
}

/**
 * Configuration shared by apps: files, plain values and secrets. Docker:
 * files are uploaded into the containers that use it, values become env.
 * Kubernetes: a ConfigMap and a Secret. Its `hash` changes with any content,
 * and apps using the config roll when it does.
 */
export class AppConfig extends pulumi.ComponentResource {
    /** Content hash of files, values and secrets; reveals no secret. */
    public readonly hash!: pulumi.Output<string>;
    /** Kubernetes ConfigMap name, when the config has plain content on Kubernetes. */
    public readonly configMapName: pulumi.Output<string | undefined>;
    /** Kubernetes Secret name, when the config has secrets on Kubernetes. */
    public readonly secretName: pulumi.Output<string | undefined>;
    /** @internal The resolved description the backends and apps use. */
    public readonly configModel: ConfigModel;

    constructor(name: string, args: AppConfigArgs, opts?: pulumi.ComponentResourceOptions) {
        const spec = parseArgs("AppConfig", name, appConfigSchema, args, [targetMismatchProblem(args, "network", "networkModel", "network")]);
        const network = spec.network.networkModel;
        const target = resolveTarget("AppConfig", name, spec.target ?? network.target);
        // The config's Secret is named after it, like an app's Secret for secret env (`<app>-env`).
        const mayHaveSecrets = Object.keys(spec.secrets).length > 0 || [...Object.values(spec.files), ...Object.values(spec.values)].some(maybeSecret);
        const derivedNames = mayHaveSecrets ? [{ kind: "Secret", name, role: "Secret", path: "name" }] : [];
        const clashes = derivedNameClashes(network.nameScope, `config "${name}"`, derivedNames);
        if (clashes.length > 0) {
            throw new BerthValidationError("AppConfig", name, clashes);
        }
        claimDerivedNames(network.nameScope, `config "${name}"`, derivedNames);
        super("berth:index:AppConfig", name, {}, opts);

        const secrets = asSecrets(sortedMap(spec.secrets));
        const contents = classify(sortedMap(spec.files), sortedMap(spec.values), secrets);
        // The hash costs a scrypt run (tens of ms of CPU) per config with secrets, and no
        // Docker child needs it: it is computed on first read (by an app on Kubernetes, or the program).
        let hash: pulumi.Output<string> | undefined;
        const readHash = () => (hash ??= configHash(name, contents));
        const model: ConfigModel = {
            name,
            target,
            network,
            files: sortedMap(spec.files),
            values: sortedMap(spec.values),
            secrets,
            get hash() {
                return readHash();
            },
            contents,
        };
        if (target === "kubernetes") {
            model.kubernetes = renderKubernetesConfig(model, this);
        }
        this.configModel = model;

        Object.defineProperty(this, "hash", { get: readHash, enumerable: true });
        const refs = pulumi.output(model.kubernetes ?? Promise.resolve({ configMap: undefined, secret: undefined }));
        this.configMapName = refs.apply((r) => r.configMap);
        this.secretName = refs.apply((r) => r.secret);
        // On Docker, recording the hash would compute it for nothing.
        const hashOutput = target === "kubernetes" ? { hash: this.hash } : {};
        this.registerOutputs({ ...hashOutput, configMapName: this.configMapName, secretName: this.secretName });
    }
}

/** Splits contents by secrecy once, for both backends and the hash. */
async function classify(
    files: Record<string, pulumi.Input<string>>,
    values: Record<string, pulumi.Input<string>>,
    secrets: Record<string, pulumi.Input<string>>,
): Promise<ConfigContents> {
    const splitFiles = await splitSecrets(files);
    const splitValues = await splitSecrets(values);
    return {
        plainFiles: splitFiles.plain,
        secretFiles: splitFiles.secret,
        plainValues: splitValues.plain,
        secretValues: sortedMap({ ...splitValues.secret, ...secrets }),
    };
}
