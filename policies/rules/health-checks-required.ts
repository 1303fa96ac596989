import { ResourceValidationPolicy } from "@pulumi/policy";
import { dockerTypes } from "../../shared/type-tokens";
import { field, fieldList, notKnown } from "../known-values";
import { prodOnly } from "../tier";
import { podContainers } from "../workloads";

/**
 * In prod, every long-running container has a health check: Kubernetes routes
 * traffic and rolls updates by readiness, Docker's `up` waits on health.
 * Init containers and jobs run to completion and need none (a Docker container
 * that `up` waits on to exit, `attach` without `mustRun`, is one); a native
 * sidecar's health is its own business, as before.
 */
export const healthChecksRequired: ResourceValidationPolicy = prodOnly({
    name: "berth-health-checks-required",
    description: "In prod, every container has a health check (a readiness or liveness probe on Kubernetes, a HEALTHCHECK on Docker).",
    validateResource: (args, reportViolation) => {
        for (const container of podContainers(args.type, args.props).filter((c) => !c.init && !c.toCompletion)) {
            const probes = ["readinessProbe", "livenessProbe", "startupProbe"].map((probe) => field(container.spec, probe));
            if (!probes.some((probe) => probe === notKnown || (probe !== undefined && probe !== null))) {
                reportViolation(`${container.label} has no health check: add a readinessProbe or livenessProbe (berth: ContainerApp healthCheck)`);
            }
        }
        if (args.type === dockerTypes.container && !(field(args.props, "attach") === true && field(args.props, "mustRun") === false)) {
            const tests = field(args.props, "healthcheck", "tests");
            if (tests === notKnown) {
                return;
            }
            const list = fieldList(args.props, "healthcheck", "tests");
            if (list.length === 0 || list[0] === "NONE") {
                reportViolation("container has no health check: set healthcheck.tests (berth: ContainerApp healthCheck)");
            }
        }
    },
});
