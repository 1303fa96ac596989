import * as pulumi from "@pulumi/pulumi";
import type { AppNetworkArgs } from "../app-network";
import { appNetworkRules, appNetworkSchema } from "../args/app-network";
import { argDefaults } from "../args/defaults";
import { Backend, backendFor } from "../backends";
import { providerScope } from "../backends/provider-scope";
import { NetworkSettings } from "../model/network";
import { resolveSkipAwait } from "../stack/berth-settings";
import { resolveTarget } from "../stack/target";
import { Validation } from "./validation";

/** A valid AppNetwork: its model before it is rendered, and the backend of its target. */
export interface ValidNetwork {
    model: NetworkSettings;
    backend: Backend;
    warnings: string[];
}

/** Checks an AppNetwork's args in one pass (throws a BerthValidationError listing every problem). */
export function validateAppNetwork(name: string, args: AppNetworkArgs | undefined, opts: pulumi.ComponentResourceOptions | undefined): ValidNetwork {
    const validation = new Validation("AppNetwork", name);
    const parsed = validation.parse(appNetworkSchema, args);
    validation.run(appNetworkRules, parsed, undefined);
    const target = Object.hasOwn(parsed, "target") ? resolveTarget(parsed.target, validation) : undefined;
    const { spec, context: backend, warnings } = validation.finish(parsed, target && backendFor(target));
    const networkName = backend.network.name(name, spec.namespace);
    const model: NetworkSettings = {
        name: networkName,
        target: backend.target,
        internal: spec.internal,
        createNamespace: spec.createNamespace,
        // Read by the Kubernetes backend only: Docker has no ingress policies.
        defaultDenyIngress: spec.defaultDenyIngress,
        defaultDenyEgress: spec.defaultDenyEgress,
        podSecurity: spec.podSecurity ?? argDefaults.network.podSecurity,
        labels: spec.labels,
        skipAwait: resolveSkipAwait(spec.skipAwait),
        nameScope: backend.network.nameScope(networkName, providerScope(opts, backend.target)),
    };
    // args may be null from JavaScript or another language; the schema read it as {}.
    return { model, backend, warnings: [...warnings, ...backend.network.warnings(model, args ?? {})] };
}
