import * as pulumi from "@pulumi/pulumi";

/** Where a component's resources go. */
export type Target = "docker" | "kubernetes";

export const targets: readonly Target[] = ["docker", "kubernetes"];

/**
 * The target of one component: its own `target` arg when given, else the
 * stack's `berth:target` config, else docker (the one-machine default).
 * Throws with the component, the field and the allowed values on a bad value.
 */
export function resolveTarget(componentType: string, componentName: string, override: string | undefined): Target {
    const fromStack = new pulumi.Config("berth").get("target");
    const value = override ?? fromStack ?? "docker";
    if (value === "docker" || value === "kubernetes") {
        return value;
    }
    const source = override !== undefined ? "target" : "stack config berth:target";
    throw new Error(`${componentType} "${componentName}": ${source} must be "docker" or "kubernetes" (got "${value}")`);
}
