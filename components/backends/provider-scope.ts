import * as pulumi from "@pulumi/pulumi";
import { Target } from "../stack/target";

/**
 * The explicit provider a component deploys through on its target, if the
 * program gave one (`providers` or a parent's); undefined means the default
 * provider, configured by the stack's `docker:*` / `kubernetes:*` keys.
 */
export function explicitProvider(component: pulumi.Resource, target: Target): pulumi.ProviderResource | undefined {
    // getProvider reads only the package of a type token (`package:module:member`).
    return component.getProvider(`${target}:index:Resource`);
}

/**
 * Which Docker host or Kubernetes cluster a component deploys to, as a key:
 * an explicit provider by its registration name, or the default provider by
 * the host (`docker:host`) or context (`kubernetes:context`) it reads. Keys
 * the program-wide checks of names and host ports.
 */
export function deployTargetKey(component: pulumi.Resource, target: Target): string {
    const provider = explicitProvider(component, target);
    if (provider !== undefined) {
        return `provider:${(provider as unknown as { __name?: string }).__name ?? "explicit"}`;
    }
    const setting = target === "docker" ? new pulumi.Config("docker").get("host") : new pulumi.Config("kubernetes").get("context");
    return `default:${setting ?? ""}`;
}
