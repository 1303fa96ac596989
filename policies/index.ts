import { PolicyPack } from "@pulumi/policy";
import { berthPolicies, policyPackName } from "./pack";

// The entry point `pulumi preview --policy-pack policies` runs: constructing the pack starts its server.
new PolicyPack(policyPackName, { policies: berthPolicies, enforcementLevel: "mandatory" });
