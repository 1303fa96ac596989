import { Health, StackStatus, WorkloadStatus } from "./workload-status";

/*
 * `berth status` for a person: per stack a heading, a table with one row per
 * app or job, a line per problem under it, and a summary line. On a terminal
 * the table fits its width (the image column gives way first) and health is
 * coloured; piped, it is plain text at full width.
 */

export interface TableOptions {
    /** The terminal's width; undefined when piped (no fitting). */
    columns?: number;
    color: boolean;
    now: Date;
}

const ansi = { green: "\x1b[32m", yellow: "\x1b[33m", red: "\x1b[31m", dim: "\x1b[2m", bold: "\x1b[1m", reset: "\x1b[0m" };

/** Each health's colour, in the order the summary line counts them: what is fine first. */
const healthColors: Record<Health, string> = {
    healthy: ansi.green,
    completed: ansi.green,
    running: ansi.yellow,
    degraded: ansi.yellow,
    down: ansi.red,
    failed: ansi.red,
    missing: ansi.red,
};

const headers = ["NAME", "KIND", "TARGET", "IMAGE", "READY", "UPDATED", "HEALTH", "RESTARTS", "AGE", "DRIFT"] as const;
/** Columns that shrink when the table is wider than the terminal, in the order they give way, and their least width. */
const shrinkable: Array<{ column: (typeof headers)[number]; min: number }> = [
    { column: "IMAGE", min: 10 },
    { column: "TARGET", min: 10 },
    { column: "NAME", min: 8 },
];

/** The whole output of `berth status` for the stacks read. */
export function renderStatus(stacks: StackStatus[], options: TableOptions): string {
    return stacks.map((stack) => renderStack(stack, options)).join("\n");
}

function renderStack(stack: StackStatus, options: TableOptions): string {
    const paint = (color: string, text: string) => (options.color ? `${color}${text}${ansi.reset}` : text);
    const lines = [paint(ansi.bold, `Stack ${stack.stack}${stack.project ? ` (${stack.project})` : ""}`) + (stack.engines.length > 0 ? paint(ansi.dim, ` · ${stack.engines.join(", ")}`) : "")];
    if (stack.workloads.length > 0) {
        const rows = stack.workloads.map((w) => row(w, options.now));
        lines.push(...table(rows, options.columns, (cells, index) => (index < 0 ? cells : colorRow(cells, stack.workloads[index].health, paint))));
    }
    for (const workload of stack.workloads) {
        if (workload.message !== undefined) {
            lines.push(`  ${workload.name}: ${workload.message}`);
        }
        for (const drift of workload.drift) {
            lines.push(`  ${workload.name}: drift: ${drift.object} ${drift.problem}: ${drift.detail}`);
        }
    }
    for (const drift of stack.drift) {
        lines.push(`  drift: ${drift.object} ${drift.problem}: ${drift.detail}`);
    }
    for (const note of stack.notes) {
        lines.push(`  note: ${note}`);
    }
    lines.push(summaryLine(stack, paint));
    return `${lines.join("\n")}\n`;
}

/** `dev: 3 apps: 2 healthy, 1 degraded; 1 drifted object` (or why status could not be read). */
export function summaryLine(stack: StackStatus, paint: (color: string, text: string) => string = (_c, t) => t): string {
    if (stack.error !== undefined) {
        return paint(ansi.red, `${stack.stack}: status could not be read: ${stack.error}`);
    }
    const apps = stack.workloads.filter((w) => w.kind === "app").length;
    const jobs = stack.workloads.length - apps;
    const kinds = [count(apps, "app"), ...(jobs > 0 ? [count(jobs, "job")] : [])].join(", ");
    const healths = (Object.keys(healthColors) as Health[])
        .map((health) => [health, stack.workloads.filter((w) => w.health === health).length] as const)
        .filter(([, n]) => n > 0)
        .map(([health, n]) => paint(healthColors[health], `${n} ${health}`))
        .join(", ");
    const drifted = stack.drift.length + stack.workloads.reduce((sum, w) => sum + w.drift.length, 0);
    const driftPart = drifted > 0 ? `; ${paint(ansi.red, count(drifted, "drifted object"))}` : "";
    return `${stack.stack}: ${kinds}${healths ? `: ${healths}` : ""}${driftPart}`;
}

function row(workload: WorkloadStatus, now: Date): string[] {
    const { desired, ready, updated } = workload.replicas;
    const target = workload.target === "docker" ? "docker" : `kubernetes/${workload.location}`;
    return [
        workload.name,
        workload.kind,
        target,
        imageCell(workload),
        `${ready}/${desired}`,
        String(updated),
        workload.health,
        String(workload.restarts),
        workload.createdAt === undefined ? "-" : age(new Date(workload.createdAt), now),
        workload.drift.length === 0 ? "-" : String(workload.drift.length),
    ];
}

/**
 * The reference with its digest shortened (`shop/web:1.4.2@sha256:0123456789ab`), else with the
 * image id (`berth-test/web:1 (id 0123456789ab)`). A reference pinned by digest (the prod tier's,
 * a built image's) is shortened too: 64 hex digits would take the whole row. --json keeps it whole.
 */
function imageCell(workload: WorkloadStatus): string {
    const image = (workload.image ?? "-").replace(/@sha256:([0-9a-f]{12})[0-9a-f]{52}$/, "@sha256:$1");
    const digest = workload.imageDigest?.match(/^sha256:([0-9a-f]{12})/)?.[1];
    const id = workload.imageId?.match(/^sha256:([0-9a-f]{12})/)?.[1];
    if (digest !== undefined && !image.includes("@")) {
        return `${image}@sha256:${digest}`;
    }
    return id === undefined ? image : `${image} (id ${id})`;
}

function colorRow(cells: string[], health: Health, paint: (color: string, text: string) => string): string[] {
    const healthIndex = headers.indexOf("HEALTH");
    const driftIndex = headers.indexOf("DRIFT");
    return cells.map((cell, i) => (i === healthIndex ? paint(healthColors[health], cell) : i === driftIndex && cell.trim() !== "-" ? paint(ansi.red, cell) : cell));
}

/**
 * Lays rows out under the headers, padded to each column's width; when
 * `columns` is given and the table is wider, the shrinkable columns give way
 * (cut with "…"). `decorate` colours a row's padded cells (index -1: the header).
 */
function table(rows: string[][], columns: number | undefined, decorate: (cells: string[], index: number) => string[]): string[] {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const gap = 2;
    let overflow = columns === undefined ? 0 : widths.reduce((sum, w) => sum + w, 0) + gap * (widths.length - 1) - columns;
    for (const { column, min } of shrinkable) {
        if (overflow <= 0) {
            break;
        }
        const index = headers.indexOf(column);
        const cut = Math.min(overflow, Math.max(0, widths[index] - Math.max(min, headers[index].length)));
        widths[index] -= cut;
        overflow -= cut;
    }
    const layout = (cells: string[], index: number) =>
        decorate(
            cells.map((cell, i) => fit(cell, widths[i])),
            index,
        )
            .join(" ".repeat(gap))
            .trimEnd();
    return [layout([...headers], -1), ...rows.map((r, index) => layout(r, index))];
}

function fit(cell: string, width: number): string {
    return cell.length > width ? `${cell.slice(0, width - 1)}…` : cell.padEnd(width);
}

/** kubectl's way: 45s, 12m, 3h, 5d. */
export function age(since: Date, now: Date): string {
    const seconds = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
    if (seconds < 120) {
        return `${seconds}s`;
    }
    if (seconds < 2 * 3600) {
        return `${Math.floor(seconds / 60)}m`;
    }
    if (seconds < 2 * 86400) {
        return `${Math.floor(seconds / 3600)}h`;
    }
    return `${Math.floor(seconds / 86400)}d`;
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

