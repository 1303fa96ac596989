import { berthComponentClass } from "../../shared/type-tokens";
import { ComponentRef, owningComponent } from "./explain/owning-component";
import { ConfigChanges } from "./explain/config-changes";
import { explain } from "./explain/explain-change";
import { Explanation } from "./explain/wording";
import { PreviewDigest } from "./read/preview";
import { ChangeKind, ResourceStep, resourceSteps } from "./read/resource-steps";
import { parseUrn } from "../../shared/urn";

/** One resource change with its reason. */
export interface ResourceChange extends Explanation {
    kind: ChangeKind;
    /** The resource's Pulumi name, e.g. "web", "db-data", "api-0". */
    name: string;
    /** Its type token, e.g. "kubernetes:apps/v1:Deployment". */
    type: string;
}

/** The changes of one berth component, in preview order. */
export interface ComponentChanges {
    component: ComponentRef;
    changes: ResourceChange[];
}

export type ChangeCounts = Record<ChangeKind, number>;

/** A warning or error the preview reported. */
export interface ReviewDiagnostic {
    severity: "warning" | "error";
    /** The resource it is about, when the engine said. */
    resource?: string;
    message: string;
}

/** Everything the report says about one stack. */
export interface StackReview {
    label: string;
    counts: ChangeCounts;
    /** Resources the preview leaves alone, when it said (changeSummary.same). */
    unchanged?: number;
    /** Changes grouped by berth component: networks, configs, apps, autoscalers, then any newer kind. */
    components: ComponentChanges[];
    /** Changes to resources outside any berth component (providers, the user's own resources). */
    other: ResourceChange[];
    diagnostics: ReviewDiagnostic[];
}

const componentOrder = ["AppNetwork", "AppConfig", "ContainerApp", "AutoscalingPolicy"];

/** Classifies a stack's preview: counts, changes grouped by berth component with their reasons, diagnostics. */
export function reviewStack(label: string, digest: PreviewDigest): StackReview {
    const steps = resourceSteps(digest);
    const guessName = componentNameGuesser(steps);
    const owners = steps.map((step) => owningComponent(step.urn, step.parent, guessName));

    // Config objects first, so a Deployment can say which config rolled it.
    const configChanges = new ConfigChanges();
    steps.forEach((step, index) => configChanges.add(step, owners[index]));

    const replaced = new Map(steps.filter((step) => step.kind === "replace").map((step) => [step.urnText, step.urn.name]));
    const context = { configChanges, replaced };

    const counts: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0 };
    const groups = new Map<string, ComponentChanges>();
    const other: ResourceChange[] = [];
    steps.forEach((step, index) => {
        counts[step.kind]++;
        const change: ResourceChange = { kind: step.kind, name: step.urn.name, type: step.urn.type, ...explain(step, context) };
        const owner = owners[index];
        if (owner === undefined) {
            other.push(change);
            return;
        }
        const key = `${owner.type}\0${owner.name}`;
        const group = groups.get(key) ?? { component: owner, changes: [] };
        groups.set(key, group);
        group.changes.push(change);
    });

    return {
        label,
        counts,
        unchanged: digest.changeSummary?.same,
        components: [...groups.values()].sort(byComponent),
        other,
        diagnostics: diagnostics(digest),
    };
}

/**
 * When a child's state did not carry its parent, its component is named after
 * the longest component name of the same class that the child's name starts
 * with (berth names children `<component>` or `<component>-<suffix>`).
 */
function componentNameGuesser(steps: ResourceStep[]): (componentType: string, childName: string) => string {
    const known = new Map<string, Set<string>>();
    const remember = (type: string | undefined, name: string) => {
        if (type !== undefined) {
            known.set(type, (known.get(type) ?? new Set()).add(name));
        }
    };
    for (const step of steps) {
        remember(berthComponentClass(step.urn.type), step.urn.name);
        const parent = step.parent ? parseUrn(step.parent) : undefined;
        if (parent) {
            remember(berthComponentClass(parent.type), parent.name);
        }
    }
    return (componentType, childName) => {
        let best: string | undefined;
        for (const name of known.get(componentType) ?? []) {
            if ((childName === name || childName.startsWith(`${name}-`)) && (best === undefined || name.length > best.length)) {
                best = name;
            }
        }
        return best ?? childName;
    };
}

function byComponent(a: ComponentChanges, b: ComponentChanges): number {
    const rank = (group: ComponentChanges) => {
        const index = componentOrder.indexOf(group.component.type);
        return index < 0 ? componentOrder.length : index;
    };
    return rank(a) - rank(b) || compare(a.component.type, b.component.type) || compare(a.component.name, b.component.name);
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function diagnostics(digest: PreviewDigest): ReviewDiagnostic[] {
    const seen = new Set<string>();
    const out: ReviewDiagnostic[] = [];
    for (const diagnostic of digest.diagnostics) {
        const severity = diagnostic.severity;
        if ((severity !== "warning" && severity !== "error") || !diagnostic.message) {
            continue;
        }
        const resource = diagnostic.urn ? parseUrn(diagnostic.urn)?.name : undefined;
        // The engine writes the prefix into the message ("warning: ..."); the report shows the severity itself.
        const message = diagnostic.message.trim().replace(new RegExp(`^${severity}: `), "");
        const key = `${severity}\0${resource}\0${message}`;
        if (!seen.has(key)) {
            seen.add(key);
            out.push({ severity, resource, message });
        }
    }
    return out;
}
