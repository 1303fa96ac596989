import { ResourceValidationPolicy } from "@pulumi/policy";
import { healthChecksRequired } from "./rules/health-checks-required";
import { ingressTlsRequired } from "./rules/ingress-tls-required";
import { noMutableImageTags } from "./rules/no-mutable-image-tags";
import { noPlaintextSecrets } from "./rules/no-plaintext-secrets";
import { noPrivilegedContainers } from "./rules/no-privileged-containers";
import { resourceLimitsRequired } from "./rules/resource-limits-required";

/*
 * berth's policies, importable without starting anything: the PolicyPack
 * constructor (in index.ts) starts the analyzer's gRPC server, so tests and
 * other packs import the policies from here.
 */

export { healthChecksRequired, ingressTlsRequired, noMutableImageTags, noPlaintextSecrets, noPrivilegedContainers, resourceLimitsRequired };

/** Every policy of the pack, in the order `pulumi preview` lists them. */
export const berthPolicies: ResourceValidationPolicy[] = [
    noMutableImageTags,
    resourceLimitsRequired,
    healthChecksRequired,
    noPrivilegedContainers,
    noPlaintextSecrets,
    ingressTlsRequired,
];

/** The pack's name, as `pulumi preview --policy-pack` reports it. */
export const policyPackName = "berth";
