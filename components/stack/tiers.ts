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

interface AppFacts {
    /** Undefined for an image built from source, which each target pins (Docker by id, Kubernetes by digest). */
    image?: unknown;
    healthCheck?: unknown;
    resources: { limits: { cpu?: string; memory?: string } };
}

/** Rules checked when the app is declared. */
export function appTierFindings(tier: Tier, app: AppFacts): TierFindings {
    const problems: string[] = [];
    if (typeof app.image === "string") {
        const imageProblem = unpinnedImageProblem(app.image);
        if (imageProblem) {
            problems.push(`image ${imageProblem}`);
        }
    }
    if (app.healthCheck === undefined) {
        problems.push("healthCheck is required");
    }
    if (!app.resources.limits.cpu && !app.resources.limits.memory) {
        problems.push("resources.limits is required (cpu and/or memory)");
    }
    return classify(tier, problems);
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
