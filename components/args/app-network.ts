import { z } from "zod";
import { argDefaults } from "./defaults";
import * as field from "./fields";
import { podSecurityLevels } from "../model/network";
import { rulesFor } from "../validation/rules";

export const appNetworkSchema = z.strictObject({
    target: field.target.optional(),
    internal: z.boolean().default(argDefaults.network.internal),
    namespace: field.name.optional(),
    createNamespace: z.boolean().default(argDefaults.network.createNamespace),
    defaultDenyIngress: z.boolean().default(argDefaults.network.defaultDenyIngress),
    defaultDenyEgress: z.boolean().default(argDefaults.network.defaultDenyEgress),
    // Left unset when not given, so a rule can tell an explicit level on an adopted namespace; the model fills the default.
    podSecurity: z.enum(podSecurityLevels, { error: () => 'must be "restricted", "baseline" or "privileged"' }).optional(),
    labels: field.labels.default(argDefaults.network.labels),
    skipAwait: z.boolean().optional(),
});

export type AppNetworkSpec = z.output<typeof appNetworkSchema>;

const networkRule = rulesFor<AppNetworkSpec>();

/** Pod Security labels go on a namespace berth creates; an adopted one is labelled by whoever owns it. */
const podSecurityOnCreatedNamespace = networkRule(["podSecurity", "createNamespace"], (network, _context, findings) => {
    if (network.podSecurity !== undefined && !network.createNamespace) {
        findings.problem("labels only a namespace berth creates; label the adopted namespace (createNamespace: false) yourself", ["podSecurity"]);
    }
});

/** Rules between an AppNetwork's args, each run when the args it reads are valid. */
export const appNetworkRules = [podSecurityOnCreatedNamespace];
