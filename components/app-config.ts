import * as pulumi from "@pulumi/pulumi";
import { argDefaults } from "./args/defaults";
import { ConfigModel } from "./model/config";
import { validateAppConfig } from "./validation/app-config";
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
     * @default {@link argDefaults.config.files}
     */
    files?: { [fileName: string]: pulumi.Input<string> };
    /**
     * Plain values, by env var name: exposed as env to apps that use this config.
     * A value that is a Pulumi secret is treated as a secret.
     * @default {@link argDefaults.config.values}
     */
    values?: { [name: string]: pulumi.Input<string> };
    /**
     * Secret values, by env var name: always Pulumi secrets, a Kubernetes Secret, never in a ConfigMap.
     * @default {@link argDefaults.config.secrets}
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
        const { model, backend } = validateAppConfig(name, args, opts);
        super("berth:index:AppConfig", name, {}, opts);
        const rendered = backend.config.render(model, this);
        this.configModel = model;
        // Computed on first read (see configModel).
        Object.defineProperty(this, "hash", { get: () => model.hash, enumerable: true });
        this.configMapName = rendered.configMapName;
        this.secretName = rendered.secretName;
        // Where nothing reads the hash, recording it would compute it for nothing.
        const hashOutput = backend.config.rollsAppsByHash ? { hash: this.hash } : {};
        this.registerOutputs({ ...hashOutput, configMapName: this.configMapName, secretName: this.secretName });
    }
}
