import { z } from "zod";
import * as field from "./fields";

export const appNetworkSchema = z.strictObject({
    target: field.target.optional(),
    internal: z.boolean().default(false),
    namespace: field.name.optional(),
    createNamespace: z.boolean().default(true),
    defaultDenyIngress: z.boolean().default(true),
    labels: field.labels.default({}),
    skipAwait: z.boolean().optional(),
});

export type AppNetworkSpec = z.output<typeof appNetworkSchema>;
