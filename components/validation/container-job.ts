import * as pulumi from "@pulumi/pulumi";
import type { ContainerJobArgs } from "../container-job";
import { ContainerJobSpec, containerJobRules, containerJobSchema } from "../args/container-job";
import { maxNameLength } from "../args/names";
import { Backend, backendFor } from "../backends";
import { AppContext } from "../backends/backend";
import { providerScope } from "../backends/provider-scope";
import { JobModel, jobModel } from "../model/job";
import { readStackSettings, resolveSkipAwait, withDefaults } from "../stack/berth-settings";
import { resolveOwnedTarget, Target } from "../stack/target";
import { jobTierFindings } from "../stack/tiers";
import { rulesFor } from "./rules";
import { Validation } from "./validation";
import { configsOfItsNetwork, envSecretName, helpersNamedApart, initConfigsOfItsNetwork, workloadName } from "./workload-rules";

/** A valid ContainerJob: its model, the backend of its target, and the warnings to log once it is registered. */
export interface ValidJob {
    model: JobModel;
    backend: Backend;
    warnings: string[];
}

const jobRule = rulesFor<ContainerJobSpec, AppContext>();

/** A Kubernetes Job is named `<name>-<hash of its spec>` (10 characters), a label value of its pods: at most 63 characters. */
export const jobNameLength = maxNameLength - 11;

const jobNameFits = jobRule([], (_job, { name }, findings) => {
    if (name.length > jobNameLength) {
        findings.problem(`name must be at most ${jobNameLength} characters for a job (a Kubernetes Job is named "<name>-<hash of its spec>"), got ${name.length}`);
    }
});

/** What the stack's tier demands of a job: a pinned image and resource limits (its init containers' too). */
const tierRules = jobRule(["image", "resources", "initContainers"], (job, { tier }, findings) => {
    const { errors, warnings } = jobTierFindings(tier, job, job);
    errors.forEach((error) => findings.problem(error));
    warnings.forEach((warning) => findings.warning(warning));
});

/** Checks a ContainerJob's args in one pass (throws a BerthValidationError listing every problem). */
export function validateContainerJob(name: string, args: ContainerJobArgs, opts: pulumi.ComponentResourceOptions | undefined): ValidJob {
    const stack = readStackSettings();
    const validation = new Validation("ContainerJob", name);
    const parsed = validation.parse(containerJobSchema, withDefaults(args, stack.defaults));
    validation.run(containerJobRules, parsed, undefined);
    const network = parsed.network?.networkModel;
    const resolved = resolveOwnedTarget(parsed, network && { kind: "network", ...network }, validation);
    let placement: { target: Target; context: AppContext } | undefined;
    if (network && resolved) {
        const context: AppContext = { name, kind: "job", network, tier: stack.tier, providerScope: providerScope(opts, resolved) };
        const rules = [configsOfItsNetwork, initConfigsOfItsNetwork, ...backendFor(resolved).job.rules, jobNameFits, envSecretName, workloadName, helpersNamedApart, tierRules];
        validation.run(rules, parsed, context);
        placement = { target: resolved, context };
    }
    const valid = validation.finish(parsed, placement);
    const { target, context } = valid.context;
    const backend = backendFor(target);
    const model = jobModel(name, valid.spec, { target, network: context.network, tier: context.tier, skipAwait: resolveSkipAwait(valid.spec.skipAwait) });
    return { model, backend, warnings: [...valid.warnings, ...backend.job.warnings(model)] };
}
