import { FieldChange } from "../read/field-changes";
import { code, listText } from "../markdown-text";
import { ResourceStep } from "../read/resource-steps";

/** Why a resource changes, in one line a reviewer reads without knowing the provider. */
export interface Explanation {
    /** Plain words, a Markdown fragment, e.g. "rolling restart, config `app.yaml` changed". */
    reason: string;
    /** The resource holds data (a volume, a namespace): deleting or replacing it loses that data. */
    stateful: boolean;
    /** Worth a reviewer's second look: downtime, data loss, exposure, weaker isolation. */
    attention: boolean;
}

/** How many field paths a reason names before it says "and N more". */
const maxFieldsNamed = 4;

/** Field paths in prose: "`a`, `b` and 3 more". */
export function fieldsText(fields: FieldChange[]): string {
    return listText(
        fields.map((field) => code(field.path)),
        maxFieldsNamed,
    );
}

/** The fields that force the replacement, or all changed fields when the provider did not say. */
export function replacingFields(step: ResourceStep): FieldChange[] {
    const replacing = step.fields.filter((field) => field.replaces);
    return replacing.length > 0 ? replacing : step.fields;
}

/** " (`a` changed)" naming what forces a replacement, or "" when the preview does not say. */
export function becauseOf(step: ResourceStep): string {
    const fields = replacingFields(step);
    return fields.length > 0 ? ` (${fieldsText(fields)} changed)` : "";
}

/** Wording for a resource berth review has no special knowledge of: the op and the field paths. */
export function genericExplanation(step: ResourceStep): Explanation {
    switch (step.kind) {
        case "create":
            return { reason: "created", stateful: false, attention: false };
        case "delete":
            return { reason: "**DELETED**", stateful: false, attention: true };
        case "replace":
            return { reason: `**replaced**${becauseOf(step)}`, stateful: false, attention: true };
        case "update":
            return { reason: step.fields.length > 0 ? `updated in place: ${fieldsText(step.fields)}` : "updated in place", stateful: false, attention: false };
    }
}

/** An explanation that needs no second look. */
export function plain(reason: string): Explanation {
    return { reason, stateful: false, attention: false };
}

/** An explanation worth a second look. */
export function notable(reason: string): Explanation {
    return { reason, stateful: false, attention: true };
}

/** Data loss: a stateful resource deleted or replaced. */
export function dataLoss(step: ResourceStep, what: string): Explanation {
    const op = step.kind === "delete" ? "DELETE" : "REPLACE";
    const cause = step.kind === "replace" ? becauseOf(step) : "";
    return { reason: `**${op}**, ${what}, its data will be lost${cause}`, stateful: true, attention: true };
}
