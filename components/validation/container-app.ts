import * as pulumi from "@pulumi/pulumi";
import type { ContainerAppArgs } from "../container-app";
import { ContainerAppSpec, containerAppRules, containerAppSchema } from "../args/container-app";
import { maxNameLength } from "../args/names";
import { Backend, backendFor } from "../backends";
import { AppContext } from "../backends/backend";
import { providerScope } from "../backends/provider-scope";
import { AppModel, appModel, resolvePublishAs } from "../model/app";
import { maybeSecret } from "../model/secrets";
import { readStackSettings, resolveSkipAwait, withDefaults } from "../stack/berth-settings";
import { resolveOwnedTarget, Target } from "../stack/target";
import { appTierFindings } from "../stack/tiers";
import { derivedNameClaim } from "./claims";
import { rulesFor } from "./rules";
import { Validation } from "./validation";

/** A valid ContainerApp: its model, the backend of its target, and the warnings to log once it is registered. */
export interface ValidApp {
    model: AppModel;
    backend: Backend;
    warnings: string[];
}

const appRule = rulesFor<ContainerAppSpec, AppContext>();

/** An app may only use configs of its own network (on Kubernetes, its namespace holds them). */
const configsOfItsNetwork = appRule(["configs"], (app, { network }, findings) => {
    app.configs.forEach((c, index) => {
        const config = c.config.configModel;
        if (config.network.name !== network.name) {
            findings.problem(`configs[${index}].config "${config.name}" belongs to network "${config.network.name}", not "${network.name}"`);
        }
    });
});

/** Whether the app gets the public Service `<name>-public` on Kubernetes: it publishes a port, and publishAs exposes it. */
function hasPublicService(app: Pick<ContainerAppSpec, "ports" | "publishAs" | "ingress">): boolean {
    return app.ports.some((p) => p.publish !== undefined) && resolvePublishAs(app.publishAs, app.ingress !== undefined) !== "none";
}

/**
 * Names berth derives from the app's must be valid too, on both targets (as
 * the app's own name is): the public Service `<name>-public` is a DNS-1035
 * label of at most 63 characters.
 */
const publicServiceNameFits = appRule(["ports", "publishAs", "ingress"], (app, { name }, findings) => {
    const longest = maxNameLength - "-public".length;
    if (name.length > longest && hasPublicService(app)) {
        findings.problem(`name must be at most ${longest} characters for an app that publishes a port (its Service is named "<name>-public"), got ${name.length}`);
    }
});

/** The Services the app names after itself (see validation/claims). */
const serviceNames = appRule(["ports", "publishAs", "ingress"], (app, { name, network }, findings) => {
    const owner = `app "${name}"`;
    if (app.ports.length > 0) {
        findings.claim(derivedNameClaim(network.nameScope, owner, { kind: "Service", name, role: "Service", path: "name" }));
    }
    if (hasPublicService(app)) {
        findings.claim(derivedNameClaim(network.nameScope, owner, { kind: "Service", name: `${name}-public`, role: "public Service", path: "ports" }));
    }
});

/** An internal network has no outside access, so it has no outside destination to allow. */
const noOutsideDestinationOnAnInternalNetwork = appRule(["allowTo"], (app, { network }, findings) => {
    if (!network.internal) {
        return;
    }
    app.allowTo.forEach((to, index) => {
        if (to.cidr !== undefined) {
            findings.problem(`is outside network "${network.name}", which is internal (no outside access); remove it, or make the network not internal`, ["allowTo", index, "cidr"]);
        }
    });
});

/** The Secret holding the app's secret env values, `<name>-env`. */
const envSecretName = appRule(["env"], (app, { name, network }, findings) => {
    if (Object.values(app.env).some(maybeSecret)) {
        findings.claim(derivedNameClaim(network.nameScope, `app "${name}"`, { kind: "Secret", name: `${name}-env`, role: "Secret for secret env", path: "env" }));
    }
});

/** A persistent volume is named `<name>-<volume>`. */
const volumeNames = appRule(["volumes"], (app, { name, network }, findings) => {
    app.volumes.forEach((v, index) => {
        if (v.persistent) {
            const derived = { kind: "volume", name: `${name}-${v.name}`, role: "persistent volume", path: `volumes[${index}].name` };
            findings.claim(derivedNameClaim(network.nameScope, `app "${name}"`, derived));
        }
    });
});

/** What the stack's tier demands of an app when it is declared (the replica rule waits for an autoscaler; see ContainerApp). */
const tierRules = appRule(["image", "healthCheck", "resources"], (app, { tier }, findings) => {
    const { errors, warnings } = appTierFindings(tier, app);
    errors.forEach((error) => findings.problem(error));
    warnings.forEach((warning) => findings.warning(warning));
});

/** Checks a ContainerApp's args in one pass (throws a BerthValidationError listing every problem). */
export function validateContainerApp(name: string, args: ContainerAppArgs, opts: pulumi.ComponentResourceOptions | undefined): ValidApp {
    const stack = readStackSettings();
    const validation = new Validation("ContainerApp", name);
    const parsed = validation.parse(containerAppSchema, withDefaults(args, stack.defaults));
    validation.run(containerAppRules, parsed, undefined);
    const network = parsed.network?.networkModel;
    const resolved = resolveOwnedTarget(parsed, network && { kind: "network", ...network }, validation);
    let placement: { target: Target; context: AppContext } | undefined;
    if (network && resolved) {
        const context: AppContext = { name, network, tier: stack.tier, providerScope: providerScope(opts, resolved) };
        const rules = [
            configsOfItsNetwork,
            noOutsideDestinationOnAnInternalNetwork,
            ...backendFor(resolved).app.rules,
            publicServiceNameFits,
            serviceNames,
            envSecretName,
            volumeNames,
            tierRules,
        ];
        validation.run(rules, parsed, context);
        placement = { target: resolved, context };
    }
    const valid = validation.finish(parsed, placement);
    const { target, context } = valid.context;
    const backend = backendFor(target);
    const model = appModel(name, valid.spec, { target, network: context.network, tier: context.tier, skipAwait: resolveSkipAwait(valid.spec.skipAwait) });
    return { model, backend, warnings: [...valid.warnings, ...backend.app.warnings(model)] };
}
