import { z } from "zod";
import * as field from "./fields";
import { networkRef } from "./component-refs";
import { envNamePattern, fileNamePattern } from "./names";

const envName = z.string().regex(envNamePattern, "must be an environment variable name (letters, digits and '_', not starting with a digit)");
const fileName = z.string().regex(fileNamePattern, "must be a file name of letters, digits, '-', '_' and '.' (not \".\", not starting with \"..\")");

export const appConfigSchema = z
    .strictObject({
        network: networkRef,
        target: field.target.optional(),
        files: z.record(fileName, field.inputString).default({}),
        values: z.record(envName, field.inputString).default({}),
        secrets: z.record(envName, field.inputString).default({}),
    })
    .superRefine((spec, ctx) => {
        // Files, values and secrets share the keys of one ConfigMap / Secret on Kubernetes.
        // Own keys only: `in` would also find "constructor" or "toString" on every object.
        for (const key of Object.keys(spec.files)) {
            if (Object.hasOwn(spec.values, key) || Object.hasOwn(spec.secrets, key)) {
                field.problem(ctx, ["files", key], `clashes with a value or secret of the same name`);
            }
        }
        for (const key of Object.keys(spec.secrets)) {
            if (Object.hasOwn(spec.values, key)) {
                field.problem(ctx, ["secrets", key], `is also in values; a key is either a value or a secret`);
            }
        }
    });

export type AppConfigSpec = z.output<typeof appConfigSchema>;
