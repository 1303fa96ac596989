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
