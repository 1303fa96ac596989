import * as pulumi from "@pulumi/pulumi";
import { Findings } from "../validation/rules";

/** Where a component's resources go. */
export type Target = "docker" | "kubernetes";

export const targets: readonly Target[] = ["docker", "kubernetes"];

/**
 * The target of one component: its own `target` arg (or its network's, its
 * app's) when given, else the stack's `berth:target` config, else docker (the
 * one-machine default). A bad stack value is one of the component's problems.
 */
export function resolveTarget(override: Target | undefined, findings: Findings): Target | undefined {
    const value = override ?? new pulumi.Config("berth").get("target") ?? "docker";
    if (value === "docker" || value === "kubernetes") {
        return value;
    }
    findings.problem(`stack config berth:target must be "docker" or "kubernetes" (got "${value}")`);
    return undefined;
}

/** What a component belongs to: a config or an app to its network, a policy to its app. */
export interface Owner {
    kind: string;
    name: string;
    target: Target;
}

/**
 * The target of a component that belongs to another: its own `target` arg,
 * which must be its owner's (a problem otherwise), else its owner's.
 * Undefined when the owner or the `target` arg is not valid.
 */
export function resolveOwnedTarget(spec: { target?: Target }, owner: Owner | undefined, findings: Findings): Target | undefined {
    if (owner === undefined || !Object.hasOwn(spec, "target")) {
        return undefined;
    }
    if (spec.target !== undefined && spec.target !== owner.target) {
        findings.problem(`target is "${spec.target}" but ${owner.kind} "${owner.name}" is on "${owner.target}"`);
    }
    return resolveTarget(spec.target ?? owner.target, findings);
}
