import * as pulumi from "@pulumi/pulumi";
import { Target } from "../stack/target";

/*
 * Which Docker host or Kubernetes cluster a component deploys to. Read from
 * its resource options before it registers anything, so the checks keyed by
 * it (derived names, host ports) fail before anything is registered.
 */

/** The stack config a target's default provider reads to find its host or cluster. */
const defaultProviderSetting: Record<Target, { namespace: string; key: string }> = {
    docker: { namespace: "docker", key: "host" },
    kubernetes: { namespace: "kubernetes", key: "context" },
};

/**
 * The explicit provider a component deploys through on its target, if the
 * program gave one (`provider`, `providers` or a parent's), resolved the way
 * Pulumi resolves it for the component's children; undefined means the
 * default provider, configured by the stack's `docker:*` / `kubernetes:*` keys.
 */
export function explicitProvider(opts: pulumi.ComponentResourceOptions | undefined, target: Target): pulumi.ProviderResource | undefined {
    if (opts?.provider !== undefined && packageOf(opts.provider) === target) {
        return opts.provider;
    }
    const providers = opts?.providers;
    // A later provider of one package wins, as in Pulumi's own merge.
    const listed = Array.isArray(providers) ? [...providers].reverse().find((p) => packageOf(p) === target) : providers?.[target];
    // getProvider reads only the package of a type token (`package:module:member`).
    return listed ?? opts?.parent?.getProvider(`${target}:index:Resource`);
}

/**
 * The host or cluster as a key: an explicit provider by its registration
 * name, or the default provider by the host (`docker:host`) or context
 * (`kubernetes:context`) it reads. Keys the program-wide checks of names and
 * host ports.
 */
export function providerScope(opts: pulumi.ComponentResourceOptions | undefined, target: Target): string {
    const provider = explicitProvider(opts, target);
    if (provider !== undefined) {
        return `provider:${(provider as unknown as { __name?: string }).__name ?? "explicit"}`;
    }
    const setting = defaultProviderSetting[target];
    return `default:${new pulumi.Config(setting.namespace).get(setting.key) ?? ""}`;
}

/** A provider's package ("docker", "kubernetes"); the SDK has the method but leaves it out of its typings. */
function packageOf(provider: pulumi.ProviderResource): string {
    return (provider as unknown as { getPackage(): string }).getPackage();
}
