import { dockerTypes, kubernetesTypes } from "../../shared/type-tokens";
import { BerthComponent, StackObject, berthComponents } from "./components";
import { ExportedState } from "./exported-state";

/*
 * The workloads of a stack: the berth components that run something (an app,
 * a job), each with the provider resources that run it (Docker containers, a
 * Kubernetes Deployment / StatefulSet / DaemonSet / Job) and the rest of what
 * it owns (Services, images, volumes, ...).
 */

export type Target = "docker" | "kubernetes";

/** The provider resource types that run a workload's replicas, per target. */
const runningTypes: Record<string, Target> = {
    [dockerTypes.container]: "docker",
    [kubernetesTypes.deployment]: "kubernetes",
    [kubernetesTypes.statefulSet]: "kubernetes",
    [kubernetesTypes.daemonSet]: "kubernetes",
    [kubernetesTypes.job]: "kubernetes",
};

export interface Workload {
    component: BerthComponent;
    /** A job runs to completion (ContainerJob, a Kubernetes Job); an app runs until stopped. */
    kind: "app" | "job";
    target: Target;
    /** The containers (Docker: one per replica) or the workload object (Kubernetes) that run it. */
    running: StackObject[];
    /**
     * Docker: its init containers and sidecars, containers of their own named
     * `<replica container>.<helper>` (on Kubernetes they are in the pods).
     */
    helpers: StackObject[];
    /** Everything else it owns: images, volumes, Services, Ingresses, policies, Secrets. */
    others: StackObject[];
}

/** The stack's workloads in state order; a component that runs nothing (AppNetwork, AppConfig, ...) is not one. */
export function stackWorkloads(state: ExportedState): Workload[] {
    return berthComponents(state).flatMap((component) => {
        const containers = component.objects.filter((o) => runningTypes[o.type] !== undefined);
        const helpers = containers.filter(isHelperContainer);
        const running = containers.filter((o) => !helpers.includes(o));
        if (running.length === 0) {
            return [];
        }
        const kind = component.className.endsWith("Job") || running.some((o) => o.type === kubernetesTypes.job) ? "job" : "app";
        return [{ component, kind, target: runningTypes[running[0].type], running, helpers, others: component.objects.filter((o) => !containers.includes(o)) }];
    });
}

/** A Docker init container or sidecar: berth names it `<replica container>.<helper>`, a dot no replica's name has. */
export function isHelperContainer(object: StackObject): boolean {
    return object.type === dockerTypes.container && object.name.includes(".");
}

/** The berth components that run nothing (networks, configs, autoscaling policies) and own provider resources. */
export function supportingComponents(state: ExportedState): BerthComponent[] {
    return berthComponents(state).filter((c) => c.objects.length > 0 && !c.objects.some((o) => runningTypes[o.type] !== undefined));
}

/** Which target a provider resource belongs to, by its type token's package. */
export function targetOf(object: StackObject): Target | undefined {
    return object.type.startsWith("docker:") ? "docker" : object.type.startsWith("kubernetes:") ? "kubernetes" : undefined;
}
