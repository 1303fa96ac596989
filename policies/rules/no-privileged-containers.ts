import { ResourceValidationPolicy } from "@pulumi/policy";
import { dockerTypes } from "../../shared/type-tokens";
import { field, fieldList } from "../known-values";
import { podContainers } from "../workloads";

/**
 * No container runs privileged or with added Linux capabilities, in any tier:
 * either gives a compromised app the host. berth drops all capabilities by
 * default; this catches opt-outs and resources written by hand.
 */
export const noPrivilegedContainers: ResourceValidationPolicy = {
    name: "berth-no-privileged-containers",
    description: "No container runs privileged or adds Linux capabilities.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        for (const container of podContainers(args.type, args.props)) {
            if (field(container.spec, "securityContext", "privileged") === true) {
                reportViolation(`${container.label} runs privileged: remove securityContext.privileged`);
            }
            const added = fieldList(container.spec, "securityContext", "capabilities", "add").filter((cap) => typeof cap === "string");
            if (added.length > 0) {
                reportViolation(`${container.label} adds capabilities ${added.join(", ")}: remove securityContext.capabilities.add`);
            }
        }
        if (args.type === dockerTypes.container) {
            if (field(args.props, "privileged") === true) {
                reportViolation("container runs privileged: remove privileged");
            }
            const added = fieldList(args.props, "capabilities", "adds").filter((cap) => typeof cap === "string");
            if (added.length > 0) {
                reportViolation(`container adds capabilities ${added.join(", ")}: remove capabilities.adds`);
            }
        }
    },
};
