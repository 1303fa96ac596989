import { z } from "zod";
import { argDefaults } from "./defaults";
import * as field from "./fields";

export const appNetworkSchema = z.strictObject({
    target: field.target.optional(),
    internal: z.boolean().default(argDefaults.network.internal),
    namespace: field.name.optional(),
    createNamespace: z.boolean().default(argDefaults.network.createNamespace),
    defaultDenyIngress: z.boolean().default(argDefaults.network.defaultDenyIngress),
    labels: field.labels.default(argDefaults.network.labels),
    skipAwait: z.boolean().optional(),
});

export type AppNetworkSpec = z.output<typeof appNetworkSchema>;
