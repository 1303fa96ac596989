import * as pulumi from "@pulumi/pulumi";
import type { ContainerAppArgs } from "../container-app";
import { ContainerAppSpec, containerAppRules, containerAppSchema } from "../args/container-app";
import { maxNameLength } from "../args/names";
import { Backend, backendFor } from "../backends";
import { AppContext } from "../backends/backend";
import { providerScope } from "../backends/provider-scope";
import { AppModel, appModel, resolvePublishAs } from "../model/app";
import { readStackSettings, resolveSkipAwait, withDefaults } from "../stack/berth-settings";
import { resolveOwnedTarget, Target } from "../stack/target";
import { appTierFindings } from "../stack/tiers";
import { derivedNameClaim } from "./claims";
import { rulesFor } from "./rules";
import {
    configsOfItsNetwork,
    envSecretName,
    helpersNamedApart,
    initConfigsOfItsNetwork,
    sidecarConfigsOfItsNetwork,
    workloadName,
} from "./workload-rules";
import { Validation } from "./validation";
import { appAutoscalingRules, replicasBesideAutoscaling } from "./app-autoscaling";
import { AutoscalingModel, autoscalingModel } from "../model/autoscaling";

/** The longest name of an app that keeps data (see statefulNameFits). */
export const statefulNameLength = 52;

/** A valid ContainerApp: its model (and its own autoscaling's), the backend of its target, and the warnings to log once it is registered. */
export interface ValidApp {
    model: AppModel;
    autoscaling: AutoscalingModel | undefined;
    backend: Backend;
    warnings: string[];
}

const appRule = rulesFor<ContainerAppSpec, AppContext>();

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

/**
 * A StatefulSet's pods carry the label `controller-revision-hash: <name>-<hash>`,
 * a label value of at most 63 characters: an app that keeps data is named in at
 * most 52 (on both targets, as every name rule is).
 */
const statefulNameFits = appRule(["volumes"], (app, { name }, findings) => {
    if (name.length > statefulNameLength && app.volumes.some((v) => v.persistent)) {
        findings.problem(`name must be at most ${statefulNameLength} characters for an app with a persistent volume (a Kubernetes StatefulSet's pods are labelled "<name>-<hash>"), got ${name.length}`);
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

/** What the stack's tier demands of an app when it is declared (the replica rule waits for an autoscaler; see ContainerApp). */
const tierRules = appRule(["image", "healthCheck", "resources", "initContainers", "sidecars"], (app, { tier }, findings) => {
    const { errors, warnings } = appTierFindings(tier, app, app);
    errors.forEach((error) => findings.problem(error));
    warnings.forEach((warning) => findings.warning(warning));
});

/** Checks a ContainerApp's args in one pass (throws a BerthValidationError listing every problem). */
export function validateContainerApp(name: string, args: ContainerAppArgs, opts: pulumi.ComponentResourceOptions | undefined): ValidApp {
    const stack = readStackSettings();
    const validation = new Validation("ContainerApp", name);
    const parsed = validation.parse(containerAppSchema, withDefaults(args, stack.defaults));
    validation.run(containerAppRules, parsed, undefined);
    replicasBesideAutoscaling(args, validation);
    const network = parsed.network?.networkModel;
    const resolved = resolveOwnedTarget(parsed, network && { kind: "network", ...network }, validation);
    let placement: { target: Target; context: AppContext } | undefined;
    if (network && resolved) {
        const context: AppContext = { name, kind: "app", network, tier: stack.tier, providerScope: providerScope(opts, resolved) };
        const rules = [
            configsOfItsNetwork,
            noOutsideDestinationOnAnInternalNetwork,
            initConfigsOfItsNetwork,
            sidecarConfigsOfItsNetwork,
            ...backendFor(resolved).app.rules,
            publicServiceNameFits,
            statefulNameFits,
            serviceNames,
            envSecretName,
            workloadName,
            helpersNamedApart,
            tierRules,
            ...appAutoscalingRules,
        ];
        validation.run(rules, parsed, context);
        placement = { target: resolved, context };
    }
    const valid = validation.finish(parsed, placement);
    const { target, context } = valid.context;
    const backend = backendFor(target);
    const model = appModel(name, valid.spec, { target, network: context.network, tier: context.tier, skipAwait: resolveSkipAwait(valid.spec.skipAwait) });
    const scaling = valid.spec.autoscaling;
    // The policy's URN as it was: a sibling of the app (the same parent), typed AutoscalingPolicy.
    const formerPolicy = scaling?.formerPolicy === undefined ? undefined : { name: scaling.formerPolicy, urn: pulumi.createUrn(scaling.formerPolicy, "berth:index:AutoscalingPolicy", opts?.parent) };
    const autoscaling = scaling && autoscalingModel(model, scaling, undefined, formerPolicy);
    const scalingWarnings = autoscaling ? backend.autoscaling.warnings(autoscaling) : [];
    return { model, autoscaling, backend, warnings: [...valid.warnings, ...backend.app.warnings(model), ...scalingWarnings] };
}
