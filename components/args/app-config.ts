import { z } from "zod";
import { argDefaults } from "./defaults";
import * as field from "./fields";
import { networkRef } from "./component-refs";
import { rulesFor } from "../validation/rules";
import { envNamePattern, fileNamePattern } from "./names";

const envName = z.string().regex(envNamePattern, "must be an environment variable name (letters, digits and '_', not starting with a digit)");
const fileName = z.string().regex(fileNamePattern, "must be a file name of letters, digits, '-', '_' and '.' (not \".\", not starting with \"..\")");

export const appConfigSchema = z.strictObject({
    network: networkRef,
    target: field.target.optional(),
    files: z.record(fileName, field.inputString).default(argDefaults.config.files),
    values: z.record(envName, field.inputString).default(argDefaults.config.values),
    secrets: z.record(envName, field.inputString).default(argDefaults.config.secrets),
});

export type AppConfigSpec = z.output<typeof appConfigSchema>;

const configRule = rulesFor<AppConfigSpec>();

/**
 * Files, values and secrets share the keys of one ConfigMap / Secret on
 * Kubernetes. Own keys only: `in` would also find "constructor" or
 * "toString" on every object.
 */
const distinctKeys = configRule(["files", "values", "secrets"], (config, _context, findings) => {
    for (const key of Object.keys(config.files)) {
        if (Object.hasOwn(config.values, key) || Object.hasOwn(config.secrets, key)) {
            findings.problem("clashes with a value or secret of the same name", ["files", key]);
        }
    }
    for (const key of Object.keys(config.secrets)) {
        if (Object.hasOwn(config.values, key)) {
            findings.problem("is also in values; a key is either a value or a secret", ["secrets", key]);
        }
    }
});

/** Rules between an AppConfig's args, each run when the args it reads are valid. */
export const appConfigRules = [distinctKeys];
