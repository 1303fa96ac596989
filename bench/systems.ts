import type { SystemOptions } from "./bench-app";

/** The programs the benchmark compares: berth against the hand-written equivalent, on each target. */

export type Variant = "berth" | "raw";
export type BenchTarget = "docker" | "kubernetes";

export const variants: readonly Variant[] = ["berth", "raw"];
export const benchTargets: readonly BenchTarget[] = ["docker", "kubernetes"];

/**
 * The program building `appCount` apps. Loaded on demand, so a run of the
 * hand-written Kubernetes program never loads @pulumi/docker (or berth), and
 * each process pays only for the modules its program needs.
 */
export function systemProgram(variant: Variant, target: BenchTarget): (appCount: number, options?: SystemOptions) => void {
    if (variant === "berth") {
        return (require("./berth-system") as typeof import("./berth-system")).berthSystem;
    }
    return target === "docker"
        ? (require("./raw-docker-system") as typeof import("./raw-docker-system")).rawDockerSystem
        : (require("./raw-kubernetes-system") as typeof import("./raw-kubernetes-system")).rawKubernetesSystem;
}

/** Stack config of a run: berth reads its target from it; the hand-written programs ignore it. */
export function stackConfig(target: BenchTarget): Record<string, string> {
    return { "berth:target": target };
}
