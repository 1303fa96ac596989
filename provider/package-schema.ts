import * as fs from "fs";
import * as path from "path";
import type { Dependency, PropertyDefinition } from "@pulumi/pulumi/provider/experimental/analyzer";
import { providerDir } from "./package-info";

/** The golden copy of the schema: what the provider serves and reviewers diff. */
export const goldenSchemaPath = path.join(providerDir, "schema.golden.json");

/** Pulumi's package schema, as far as berth's provider and tests read it. */
export interface PackageSchema {
    name: string;
    version: string;
    description?: string;
    resources: Record<string, ResourceSpec>;
    types: Record<string, ObjectTypeSpec>;
    dependencies?: Dependency[];
    [key: string]: unknown;
}

export interface ResourceSpec {
    isComponent: boolean;
    description?: string;
    inputProperties: Record<string, PropertyDefinition>;
    requiredInputs: string[];
    properties: Record<string, PropertyDefinition>;
    required: string[];
}

export interface ObjectTypeSpec {
    type: string;
    properties: Record<string, PropertyDefinition>;
    required: string[];
}

/** The schema as committed in the golden copy: two-space JSON, one property per line, for diffs. */
export function formatSchema(schema: PackageSchema): string {
    return JSON.stringify(schema, null, 2) + "\n";
}

/** The reviewed schema the provider serves (kept equal to the inferred one by tests/provider/schema.spec.ts). */
export function readGoldenSchema(): string {
    return fs.readFileSync(goldenSchemaPath, "utf8");
}
