import { Target } from "../stack/workloads";

/*
 * What berth status says about a stack: one WorkloadStatus per app or job,
 * the drift of everything else, and what that means for the exit status.
 * These types are the --json schema (README, "berth status --json"); a field
 * is only ever added to them.
 */

/**
 * healthy: every desired replica is ready (an app scaled to 0 too).
 * degraded: some are ready, not all.
 * down: none is ready (none runs, or all fail their checks).
 * missing: the engine has none of the objects that run it.
 * running / completed / failed: a job's progress.
 */
export type Health = "healthy" | "degraded" | "down" | "missing" | "running" | "completed" | "failed";

/** Healths that make `berth status` exit 1. */
export const troubledHealths: readonly Health[] = ["degraded", "down", "missing", "failed"];

/** An object of the state that the engine lacks, or has in another form than the state says. */
export interface Drift {
    /** `Container shop-api-1`, `Deployment shop/web`. */
    object: string;
    problem: "missing" | "changed";
    /** What differs, e.g. `recreated out of band (id 1a2b3c4d5e6f, state has 9f8e7d6c5b4a)`. */
    detail: string;
}

/** One replica: a Docker container or a Kubernetes pod. */
export interface ReplicaStatus {
    /** The container's or pod's name. */
    name: string;
    /** Docker: created, running, restarting, exited, ... or missing. Kubernetes: the pod's phase. */
    state: string;
    ready: boolean;
    /** Docker: the health check's status (starting, healthy, unhealthy). Kubernetes: undefined. */
    health?: string;
    restarts: number;
    /** When its current run started (ISO 8601). */
    startedAt?: string;
    /** Why it is not ready, in a few words (exit status, waiting reason, unscheduled). */
    message?: string;
    /** Its containers (Kubernetes: init containers first, then the pod's containers). */
    containers: string[];
}

export interface Replicas {
    /** How many the engine should run (Docker: containers in the state; Kubernetes: spec.replicas; a job: completions). */
    desired: number;
    /** How many are ready (a job: succeeded). */
    ready: number;
    /** How many run what the state says (Docker: the state's container and image; Kubernetes: updatedReplicas). */
    updated: number;
}

export interface WorkloadStatus {
    /** The component's name (the app's or job's). */
    name: string;
    /** Its berth class: ContainerApp, ContainerJob, ... */
    component: string;
    kind: "app" | "job";
    target: Target;
    /** Docker: the Docker host. Kubernetes: the namespace. */
    location: string;
    /** The image reference the workload runs. */
    image?: string;
    /** The image's digest (sha256:...) where the engine knows it: a registry's repo digest (Docker), the digest a pod runs (Kubernetes). */
    imageDigest?: string;
    /** Docker: the id of the image the containers run (sha256:...), which a locally built image has instead of a digest. */
    imageId?: string;
    replicas: Replicas;
    health: Health;
    /** Why it is not healthy, in a line. */
    message?: string;
    /** Restarts of all its containers. */
    restarts: number;
    /** When the workload was created (ISO 8601): Docker: its oldest container; Kubernetes: the object. */
    createdAt?: string;
    drift: Drift[];
    replicaStatuses: ReplicaStatus[];
}

export interface StackStatus {
    stack: string;
    project: string;
    /** The engines read, e.g. `docker unix:///var/run/docker.sock`, `kubernetes https://127.0.0.1:6443 (context admin)`. */
    engines: string[];
    workloads: WorkloadStatus[];
    /** Drift of the objects of components that run nothing (networks, configs, autoscaling policies). */
    drift: Drift[];
    /** Facts about the engines that explain the rows, e.g. that a cluster has no node. */
    notes: string[];
    /** Set when the status could not be read (then everything else may be empty). */
    error?: string;
}

/** Exit status: 0 all healthy, 1 something degraded, down, failed, missing or drifted, 2 unreadable. */
export function exitStatusOf(stacks: StackStatus[]): 0 | 1 | 2 {
    if (stacks.some((s) => s.error !== undefined)) {
        return 2;
    }
    const troubled = stacks.some((s) => s.drift.length > 0 || s.workloads.some((w) => troubledHealths.includes(w.health) || w.drift.length > 0));
    return troubled ? 1 : 0;
}

/** The health of an app from its counts: missing when nothing of it exists, else by ready replicas. */
export function appHealth(replicas: Replicas, present: number): Health {
    if (replicas.desired > 0 && present === 0) {
        return "missing";
    }
    if (replicas.ready >= replicas.desired) {
        return "healthy";
    }
    return replicas.ready === 0 ? "down" : "degraded";
}
