import type { AutoscalingPolicyArgs } from "../autoscaling-policy";
import { autoscalingRules } from "../args/autoscaling";
import { autoscalingPolicyRules, AutoscalingPolicySpec, autoscalingPolicySchema } from "../args/autoscaling-policy";
import { ScalableApp } from "../args/component-refs";
import { Backend, backendFor } from "../backends";
import { PolicyContext } from "../backends/backend";
import { AutoscalingModel, autoscalingModel } from "../model/autoscaling";
import { readStackSettings } from "../stack/berth-settings";
import { resolveOwnedTarget, Target } from "../stack/target";
import { replicaTierFindings } from "../stack/tiers";
import { autoscalerNameClaim } from "./claims";
import { rulesFor } from "./rules";
import { Validation } from "./validation";

/** A valid AutoscalingPolicy: its model, its app, and the backend of its target. */
export interface ValidPolicy {
    model: AutoscalingModel;
    app: ScalableApp;
    backend: Backend;
    warnings: string[];
}

const policyRule = rulesFor<AutoscalingPolicySpec, PolicyContext>();

/** A singleton runs exactly one instance: nothing to scale. */
const notASingleton = policyRule(["app"], (_policy, { app }, findings) => {
    if (app.singleton) {
        findings.problem(`app "${app.name}" is a singleton (exactly one instance); an autoscaler would run several: remove the policy, or singleton`);
    }
});

/** Its objects' Pulumi name, the policy's, is one no other autoscaler of the program has. */
const autoscalerName = policyRule([], (_policy, { name }, findings) => {
    findings.claim(autoscalerNameClaim(`AutoscalingPolicy "${name}"`, name, []));
});

/** One policy per app, created before the app is deployed (see ContainerApp.autoscalingProblems). */
const appTakesAPolicy = policyRule(["app"], (policy, { name }, findings) => {
    policy.app.autoscalingProblems(name).forEach((problem) => findings.problem(problem));
});

/**
 * A prod stack refuses a policy that keeps fewer than 2 replicas. (A staging
 * stack's warning is the app's: it checks its replicas, or its policy's
 * minimum, once it renders.)
 */
const prodReplicas = policyRule(["minReplicas"], (policy, { tier }, findings) => {
    replicaTierFindings(tier, policy.minReplicas, true).errors.forEach((error) => findings.problem(error));
});

/** Checks an AutoscalingPolicy's args in one pass (throws a BerthValidationError listing every problem). */
export function validateAutoscalingPolicy(name: string, args: AutoscalingPolicyArgs): ValidPolicy {
    const stack = readStackSettings();
    const validation = new Validation("AutoscalingPolicy", name);
    const parsed = validation.parse(autoscalingPolicySchema, args);
    validation.run(autoscalingRules, parsed, undefined);
    validation.run(autoscalingPolicyRules, parsed, undefined);
    const app = parsed.app?.appModel;
    const resolved = resolveOwnedTarget(parsed, app && { kind: "app", ...app }, validation);
    let placement: { target: Target; context: PolicyContext } | undefined;
    if (app && resolved) {
        const context: PolicyContext = { name, app, tier: stack.tier };
        validation.run([...backendFor(resolved).autoscaling.rules, notASingleton, appTakesAPolicy, prodReplicas, autoscalerName], parsed, context);
        placement = { target: resolved, context };
    }
    const valid = validation.finish(parsed, placement);
    const model = autoscalingModel(valid.context.context.app, valid.spec, name);
    const backend = backendFor(valid.context.target);
    return { model, app: valid.spec.app, backend, warnings: [...valid.warnings, ...backend.autoscaling.warnings(model)] };
}
