import * as pulumi from "@pulumi/pulumi";
import { ConfigMountModel } from "../model/app";
import { InputMap } from "../model/maps";
import { splitSecrets } from "../model/secrets";

/** Where one env var's value comes from. */
export interface EnvSource {
    name: string;
    /** An app env value, or a config value / secret. */
    value: pulumi.Input<string>;
    secret: boolean;
    /** Set when the value comes from an AppConfig: which config and key. */
    config?: string;
}

/**
 * The one place that merges a container's env (an app's, a job's, a helper's):
 * its configs' values and secrets (unless they are delivered as files) in the
 * order the configs are listed, then its own env, a later source winning over
 * an earlier one. Sorted by name.
 */
export async function appEnv(app: { configs: ConfigMountModel[]; env: InputMap }, secretEnv: Record<string, pulumi.Input<string>>): Promise<EnvSource[]> {
    const byName = new Map<string, EnvSource>();
    for (const mount of app.configs) {
        if (!mount.env) {
            continue;
        }
        const contents = await mount.config.contents;
        for (const [name, value] of Object.entries(contents.plainValues)) {
            byName.set(name, { name, value, secret: false, config: mount.config.name });
        }
        if (!mount.secretsAsFiles) {
            for (const [name, value] of Object.entries(contents.secretValues)) {
                byName.set(name, { name, value, secret: true, config: mount.config.name });
            }
        }
    }
    for (const [name, value] of Object.entries(app.env)) {
        byName.set(name, { name, value, secret: Object.hasOwn(secretEnv, name) });
    }
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The names of the env vars holding a secret: the app's secret env values, and its configs' secrets not delivered as files. */
export async function secretEnvNames(app: { configs: ConfigMountModel[]; env: InputMap }): Promise<string[]> {
    const { secret } = await splitSecrets(app.env);
    return (await appEnv(app, secret)).filter((e) => e.secret).map((e) => e.name);
}
