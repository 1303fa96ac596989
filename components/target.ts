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

/**
 * Whether Kubernetes resources skip the provider's readiness waits
 * (the `pulumi.com/skipAwait` annotation): the component's own `skipAwait`,
 * else the stack's `berth:skipAwait`, else false. Useful on clusters without
 * nodes (a bare API server) or when another tool gates readiness.
 */
export function resolveSkipAwait(override: boolean | undefined): boolean {
    return override ?? new pulumi.Config("berth").getBoolean("skipAwait") ?? false;
}

/**
 * The problem with an explicit `target` arg that differs from the target of
 * what the component belongs to (its network, its app). Read from the raw
 * args, so it is reported together with every other problem of the args.
 */
export function targetMismatchProblem(args: unknown, ownerField: string, ownerModel: string, ownerKind: string): string | undefined {
    if (typeof args !== "object" || args === null) {
        return undefined;
    }
    const explicit = (args as Record<string, unknown>).target;
    const owner = ((args as Record<string, unknown>)[ownerField] as Record<string, unknown> | undefined)?.[ownerModel] as
        | { name: string; target: string }
        | undefined;
    if ((explicit !== "docker" && explicit !== "kubernetes") || owner === undefined || explicit === owner.target) {
        return undefined;
    }
    return `target is "${explicit}" but ${ownerKind} "${owner.name}" is on "${owner.target}"`;
}
