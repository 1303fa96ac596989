import { FieldChange, fieldChanges } from "./field-changes";
import { PreviewDigest, PreviewStep } from "./preview";
import { stackType } from "../../../shared/type-tokens";
import { Urn, parseUrn } from "../../../shared/urn";

/** What a step does to its resource, in the four words of the summary table. */
export type ChangeKind = "create" | "update" | "replace" | "delete";

/** One resource the preview changes, reduced to what a reviewer needs. */
export interface ResourceStep {
    kind: ChangeKind;
    /** The URN as the preview wrote it. */
    urnText: string;
    urn: Urn;
    /** What it changes; paths only. */
    fields: FieldChange[];
    /** Inputs before and after, for the allow-listed values and references berth review reads. */
    oldInputs?: Record<string, unknown>;
    newInputs?: Record<string, unknown>;
    /** Parent URN from the state, when the preview carried it. */
    parent?: string;
    /** URNs it depends on, from the state. */
    dependencies: string[];
}

/**
 * Ops that change something, by summary column. `same`, `read`, `refresh` and
 * the `discard` family change nothing in the world (a discard only forgets a
 * read resource), so they are left out.
 */
const kindOfOp: Record<string, ChangeKind> = {
    create: "create",
    import: "create",
    update: "update",
    replace: "replace",
    "create-replacement": "replace",
    "delete-replaced": "replace",
    "import-replacement": "replace",
    delete: "delete",
};

/**
 * The resources a preview changes, in preview order, one entry per resource:
 * with `--show-replacement-steps` a replacement arrives as up to three steps
 * (create-replacement, replace, delete-replaced), merged here into one.
 * The stack resource itself is left out.
 */
export function resourceSteps(digest: PreviewDigest): ResourceStep[] {
    const replacements = new Map<string, ResourceStep>();
    const steps: ResourceStep[] = [];
    for (const step of digest.steps) {
        const kind = kindOfOp[step.op];
        if (kind === undefined) {
            continue;
        }
        const urn = parseUrn(step.urn) ?? unparsedUrn(step);
        if (urn.type === stackType) {
            continue;
        }
        const seen = kind === "replace" ? replacements.get(step.urn) : undefined;
        if (seen) {
            mergeReplacement(seen, step);
            continue;
        }
        const entry: ResourceStep = {
            kind,
            urnText: step.urn,
            urn,
            fields: fieldChanges(step),
            oldInputs: step.oldState?.inputs,
            newInputs: step.newState?.inputs,
            parent: step.newState?.parent ?? step.oldState?.parent,
            dependencies: step.newState?.dependencies ?? step.oldState?.dependencies ?? [],
        };
        if (kind === "replace") {
            replacements.set(step.urn, entry);
        }
        steps.push(entry);
    }
    return steps;
}

/** Fills what one step of a replacement knows and another did not. */
function mergeReplacement(entry: ResourceStep, step: PreviewStep): void {
    if (entry.fields.length === 0) {
        entry.fields = fieldChanges(step);
    }
    entry.oldInputs = entry.oldInputs ?? step.oldState?.inputs;
    entry.newInputs = entry.newInputs ?? step.newState?.inputs;
    entry.parent = entry.parent ?? step.newState?.parent ?? step.oldState?.parent;
    if (entry.dependencies.length === 0) {
        entry.dependencies = step.newState?.dependencies ?? step.oldState?.dependencies ?? [];
    }
}

/** A URN berth review cannot parse still gets a line of its own, named by the raw URN. */
function unparsedUrn(step: PreviewStep): Urn {
    const type = step.newState?.type ?? step.oldState?.type ?? "unknown";
    return { stack: "", project: "", typeChain: [type], type, name: step.urn };
}
