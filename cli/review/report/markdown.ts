import { berthComponentClass, providerTypePrefix } from "../../../shared/type-tokens";
import { FailOnHit } from "../fail-on";
import { code, escapeText, listText } from "../markdown-text";
import { ComponentChanges, ResourceChange, StackReview } from "../stack-review";

export interface RenderOptions {
    /** Rules of `--fail-on` that matched; shown first, so the reason a check failed is the first thing read. */
    blocked?: FailOnHit[];
    /**
     * At most this many change lines per stack (a PR comment has a size limit);
     * lines needing attention are kept first. The counts always cover everything.
     */
    maxChanges?: number;
}

/** The Markdown report for one or several stacks. */
export function renderReport(reviews: StackReview[], options: RenderOptions = {}): string {
    const lines: string[] = ["## berth review", ""];
    if (options.blocked && options.blocked.length > 0) {
        const hits = options.blocked.map((hit) => `${code(hit.rule)} in ${code(hit.stack)} (${listText(hit.resources.map(code), 5)})`);
        lines.push(`> **Blocked by \`--fail-on\`:** ${hits.join("; ")}.`, "");
    }
    if (reviews.length === 0) {
        lines.push("No previews given.", "");
    }
    for (const review of reviews) {
        lines.push(...renderStack(review, options.maxChanges));
    }
    lines.push("<sub>Values are not shown, only which fields change (image references, replica counts, sizes and hosts excepted); secrets show as changed.</sub>", "");
    return lines.join("\n");
}

function renderStack(review: StackReview, maxChanges: number | undefined): string[] {
    const { create, update, replace, delete: deletes } = review.counts;
    const lines = [
        `### Stack ${code(review.label)}`,
        "",
        "| Creates | Updates | Replaces | Deletes |",
        "|--------:|--------:|---------:|--------:|",
        `| ${create} | ${update} | ${replace} | ${deletes} |`,
        "",
    ];
    const total = create + update + replace + deletes;
    if (total === 0) {
        lines.push(review.unchanged !== undefined ? `No changes (${review.unchanged} unchanged).` : "No changes.", "");
    } else {
        lines.push(...attentionSummary(review), ...renderChanges(review, maxChanges));
    }
    if (review.diagnostics.length > 0) {
        lines.push("#### Warnings and errors", "");
        for (const diagnostic of review.diagnostics) {
            const where = diagnostic.resource ? ` (${code(diagnostic.resource)})` : "";
            lines.push(`- **${diagnostic.severity}**${where}: ${escapeText(truncate(diagnostic.message, 500))}`);
        }
        lines.push("");
    }
    return lines;
}

function attentionSummary(review: StackReview): string[] {
    const changes = allChanges(review);
    const dataLoss = changes.filter((change) => change.stateful && (change.kind === "delete" || change.kind === "replace"));
    const attention = changes.filter((change) => change.attention && !dataLoss.includes(change));
    const parts: string[] = [];
    if (dataLoss.length > 0) {
        parts.push(`**data loss**: ${listText(dataLoss.map((change) => code(change.name)), 5)}`);
    }
    if (attention.length > 0) {
        parts.push(`${attention.length} more ${attention.length === 1 ? "change" : "changes"} marked ⚠️ below`);
    }
    return parts.length > 0 ? [`Needs attention: ${parts.join("; ")}.`, ""] : [];
}

function renderChanges(review: StackReview, maxChanges: number | undefined): string[] {
    const entries = [
        ...review.components.flatMap((group) => group.changes.map((change) => ({ group: group as ComponentChanges | undefined, change }))),
        ...review.other.map((change) => ({ group: undefined, change })),
    ];
    let shown = new Set(entries.map((entry) => entry.change));
    if (maxChanges !== undefined && entries.length > maxChanges) {
        // Keep what needs attention; a sort is stable, so order within each class is the preview's.
        const prioritised = [...entries].sort((a, b) => Number(b.change.attention) - Number(a.change.attention));
        shown = new Set(prioritised.slice(0, maxChanges).map((entry) => entry.change));
    }

    const lines: string[] = [];
    for (const group of review.components) {
        const visible = group.changes.filter((change) => shown.has(change));
        if (visible.length > 0) {
            lines.push(`#### ${group.component.type} ${code(group.component.name)}`, "", ...visible.map(changeLine), "");
        }
    }
    const otherVisible = review.other.filter((change) => shown.has(change));
    if (otherVisible.length > 0) {
        lines.push("#### Not part of a berth component", "", ...otherVisible.map(changeLine), "");
    }
    const hidden = entries.length - shown.size;
    if (hidden > 0) {
        lines.push(`…and ${hidden} more ${hidden === 1 ? "change" : "changes"} not shown (limit ${maxChanges} per stack).`, "");
    }
    return lines;
}

function changeLine(change: ResourceChange): string {
    const marker = change.attention ? "⚠️ " : "";
    return `- ${marker}${code(change.name)} (${typeLabel(change.type)}): ${change.reason}`;
}

/** A short, readable kind for a type token: berth's and Kubernetes' kinds by name, Docker's prefixed, others in full. */
function typeLabel(type: string): string {
    const componentClass = berthComponentClass(type);
    if (componentClass !== undefined) {
        return componentClass;
    }
    if (type.startsWith(providerTypePrefix)) {
        return `${escapeText(type.slice(providerTypePrefix.length))} provider`;
    }
    const kind = type.slice(type.lastIndexOf(":") + 1);
    if (type.startsWith("kubernetes:")) {
        return escapeText(kind);
    }
    if (type.startsWith("docker:")) {
        return `Docker ${escapeText(kind)}`;
    }
    return code(type);
}

function allChanges(review: StackReview): ResourceChange[] {
    return [...review.components.flatMap((group) => group.changes), ...review.other];
}

function truncate(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
