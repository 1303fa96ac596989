import type { ContainerAppArgs } from "../container-app";
import type { ContainerAppSpec } from "../args/container-app";
import { autoscalingRules, unrequestedMetrics } from "../args/autoscaling";
import { AppContext } from "../backends/backend";
import { replicaTierFindings } from "../stack/tiers";
import { autoscalerNameClaim } from "./claims";
import { Findings, findingsUnder, rulesFor } from "./rules";

/*
 * A ContainerApp's own `autoscaling`: the rules an AutoscalingPolicy's args
 * follow (validation/autoscaling-policy.ts), checked with the app's other
 * rules and reported under `autoscaling`.
 */

const appRule = rulesFor<ContainerAppSpec, AppContext>();

const withinItself = appRule(["autoscaling"], (app, _context, findings) => {
    if (app.autoscaling) {
        const scaling = app.autoscaling;
        autoscalingRules.forEach((rule) => rule.check(scaling, undefined, findingsUnder(findings, ["autoscaling"])));
    }
});

/** Utilisation is measured against the app's request of the metric. */
const requestsTheMetric = appRule(["autoscaling", "resources"], (app, _context, findings) => {
    for (const missing of app.autoscaling ? unrequestedMetrics(app.autoscaling, app.resources.requests) : []) {
        findings.problem(`needs ${missing.request}: ${missing.what} utilisation is measured against it`, ["autoscaling", missing.field]);
    }
});

/** A singleton runs exactly one instance: nothing to scale. */
const notASingleton = appRule(["autoscaling", "singleton"], (app, _context, findings) => {
    if (app.autoscaling && app.singleton) {
        findings.problem("would run several instances of a singleton (exactly one instance): remove autoscaling, or singleton", ["autoscaling"]);
    }
});

/** A prod stack refuses an autoscaler that keeps fewer than 2 replicas (staging warns once the app renders). */
const prodMinimum = appRule(["autoscaling"], (app, { tier }, findings) => {
    if (app.autoscaling) {
        // The finding names minReplicas itself; the path says where it is.
        replicaTierFindings(tier, app.autoscaling.minReplicas, true).errors.forEach((error) => findings.problem(error.replace(/^minReplicas /, ""), ["autoscaling", "minReplicas"]));
    }
});

/** Its objects' Pulumi name, the app's, is one no other autoscaler of the program has (an AutoscalingPolicy's). */
const autoscalerName = appRule(["autoscaling"], (app, { name }, findings) => {
    if (app.autoscaling) {
        findings.claim(autoscalerNameClaim(`app "${name}"`, name, ["autoscaling"]));
    }
});

/** Rules of a ContainerApp's `autoscaling`, each run when the args it reads are valid. */
export const appAutoscalingRules = [withinItself, requestsTheMetric, notASingleton, prodMinimum, autoscalerName];

/**
 * `replicas` and `autoscaling` both set the count: one is a mistake. Read from
 * the args as written, since `replicas` has a default once parsed.
 */
export function replicasBesideAutoscaling(args: Partial<ContainerAppArgs> | undefined, findings: Findings): void {
    if (args?.autoscaling !== undefined && args.replicas !== undefined) {
        findings.problem("cannot be set together with autoscaling, which keeps the count between its minReplicas and maxReplicas: remove replicas", ["replicas"]);
    }
}
