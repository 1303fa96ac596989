import { ResourceValidationPolicy } from "@pulumi/policy";
import { dockerTypes } from "../../shared/type-tokens";
import { field, notKnown } from "../known-values";
import { prodOnly } from "../tier";
import { podContainers } from "../workloads";

/** In prod, every container has a CPU or memory limit, so one app cannot starve the others on its node. */
export const resourceLimitsRequired: ResourceValidationPolicy = prodOnly({
    name: "berth-resource-limits-required",
    description: "In prod, every container sets a CPU and/or memory limit.",
    validateResource: (args, reportViolation) => {
        for (const container of podContainers(args.type, args.props)) {
            const cpu = field(container.spec, "resources", "limits", "cpu");
            const memory = field(container.spec, "resources", "limits", "memory");
            if (cpu === notKnown || memory === notKnown || cpu || memory) {
                continue;
            }
            reportViolation(`${container.label} has no resource limits: set resources.limits.cpu and/or .memory (berth: ContainerApp resources.limits)`);
        }
        if (args.type === dockerTypes.container) {
            const memory = field(args.props, "memory");
            const cpus = field(args.props, "cpus");
            if (memory !== notKnown && cpus !== notKnown && !memory && !cpus) {
                reportViolation("container has no resource limits: set memory and/or cpus (berth: ContainerApp resources.limits)");
            }
        }
    },
});
