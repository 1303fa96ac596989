import * as pulumi from "@pulumi/pulumi";
import type { AppConfigArgs } from "../app-config";
import { appConfigRules, AppConfigSpec, appConfigSchema } from "../args/app-config";
import { Backend, backendFor } from "../backends";
import { explicitProvider } from "../backends/provider-scope";
import { ConfigModel, configModel } from "../model/config";
import { NetworkModel } from "../model/network";
import { maybeSecret } from "../model/secrets";
import { resolveOwnedTarget } from "../stack/target";
import { derivedNameClaim } from "./claims";
import { rulesFor } from "./rules";
import { Validation } from "./validation";

/** A valid AppConfig: its model, and the backend of its target. */
export interface ValidConfig {
    model: ConfigModel;
    backend: Backend;
}

interface ConfigContext {
    name: string;
    network: NetworkModel;
}

const configRule = rulesFor<AppConfigSpec, ConfigContext>();

/** The config's Secret is named after it, like an app's Secret for secret env (`<app>-env`). */
const secretName = configRule(["files", "values", "secrets"], (config, { name, network }, findings) => {
    const mayHaveSecrets = Object.keys(config.secrets).length > 0 || [...Object.values(config.files), ...Object.values(config.values)].some(maybeSecret);
    if (mayHaveSecrets) {
        findings.claim(derivedNameClaim(network.nameScope, `config "${name}"`, { kind: "Secret", name, role: "Secret", path: "name" }));
    }
});

/** Checks an AppConfig's args in one pass (throws a BerthValidationError listing every problem). */
export function validateAppConfig(name: string, args: AppConfigArgs, opts: pulumi.ComponentResourceOptions | undefined): ValidConfig {
    const validation = new Validation("AppConfig", name);
    const parsed = validation.parse(appConfigSchema, args);
    validation.run(appConfigRules, parsed, undefined);
    const network = parsed.network?.networkModel;
    const target = resolveOwnedTarget(parsed, network && { kind: "network", ...network }, validation);
    if (network && target) {
        validation.run([secretName], parsed, { name, network });
    }
    const { spec, context } = validation.finish(parsed, network && target && { network, target });
    const defaultProvider = explicitProvider(opts, context.target) === undefined;
    return { model: configModel(name, spec, { ...context, defaultProvider }), backend: backendFor(context.target) };
}
