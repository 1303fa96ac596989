import { unpinnedImageProblem } from "../../shared/image-tags";
import { Tier } from "./berth-settings";

/*
 * What a tier demands of an app. prod refuses (at preview) what would hurt in
 * production; staging warns about the same things; dev lets everything through.
 */

export interface TierFindings {
    /** Problems that fail the preview (prod). */
    errors: string[];
    /** Problems reported as warnings (staging). */
    warnings: string[];
}

interface ContainerFacts {
    /** Undefined for an image built from source, which each target pins (Docker by id, Kubernetes by digest). */
    image?: unknown;
    resources: { limits: { cpu?: string; memory?: string } };
}

interface AppFacts extends ContainerFacts {
    healthCheck?: unknown;
}

/** A pinned image, for a container at `at` (e.g. "initContainers[0].") */
function imageProblems(container: ContainerFacts, at = ""): string[] {
    const problem = typeof container.image === "string" ? unpinnedImageProblem(container.image) : undefined;
    return problem ? [`${at}image ${problem}`] : [];
}

/** Resource limits, for a container at `at`. */
function limitProblems(container: ContainerFacts, at = ""): string[] {
    return !container.resources.limits.cpu && !container.resources.limits.memory ? [`${at}resources.limits is required (cpu and/or memory)`] : [];
}

type Helpers = { initContainers?: ContainerFacts[]; sidecars?: ContainerFacts[] };

/** The problems of a workload's init containers and sidecars, each named by its path. */
function helperProblems(helpers: Helpers): string[] {
    const of = (list: string, containers: ContainerFacts[] = []) =>
        containers.flatMap((h, index) => [...imageProblems(h, `${list}[${index}].`), ...limitProblems(h, `${list}[${index}].`)]);
    return [...of("initContainers", helpers.initContainers), ...of("sidecars", helpers.sidecars)];
}

/** Rules checked when the app is declared (its init containers and sidecars included). */
export function appTierFindings(tier: Tier, app: AppFacts, helpers: Helpers = {}): TierFindings {
    const healthCheck = app.healthCheck === undefined ? ["healthCheck is required"] : [];
    return classify(tier, [...imageProblems(app), ...healthCheck, ...limitProblems(app), ...helperProblems(helpers)]);
}

/** Rules checked when a job is declared: a job runs to completion, so it needs no health check. */
export function jobTierFindings(tier: Tier, job: ContainerFacts, helpers: Helpers = {}): TierFindings {
    return classify(tier, [...imageProblems(job), ...limitProblems(job), ...helperProblems(helpers)]);
}

/**
 * Secrets the app takes as env vars: prod warns, since env vars show in
 * `docker inspect` and `kubectl describe`, crash reports and child processes.
 */
export function secretEnvTierWarnings(tier: Tier, secretEnvNames: string[]): string[] {
    if (tier !== "prod" || secretEnvNames.length === 0) {
        return [];
    }
    return [
        `env ${secretEnvNames.join(", ")} ${secretEnvNames.length === 1 ? "holds a secret" : "hold secrets"} in a prod stack: env vars show in ` +
            `docker inspect, kubectl describe, crash reports and child processes; deliver config secrets as files (configs[].secretsAsFiles)`,
    ];
}

/** The replica rule, checked once it is known whether an autoscaler owns the count. */
export function replicaTierFindings(tier: Tier, replicas: number, autoscaled: boolean): TierFindings {
    const problems = replicas < 2 ? [`${autoscaled ? "minReplicas" : "replicas"} must be at least 2 (got ${replicas})`] : [];
    return classify(tier, problems);
}

function classify(tier: Tier, problems: string[]): TierFindings {
    const labelled = problems.map((p) => `${p} in a ${tier === "prod" ? "prod" : "staging"} stack`);
    if (tier === "prod") {
        return { errors: labelled, warnings: [] };
    }
    if (tier === "staging") {
        return { errors: [], warnings: labelled };
    }
    return { errors: [], warnings: [] };
}
