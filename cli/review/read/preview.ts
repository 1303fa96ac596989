/*
 * Typed reader for what `pulumi preview --json` prints: Pulumi's PreviewDigest
 * (pkg/display/json.go, sdk/go/common/display/display.go). Field names and
 * meanings follow Pulumi's Go types; every field the engine marks omitempty is
 * optional here. Secrets arrive as the string "[secret]" (the engine blinds
 * them); berth review never prints a state value it does not explicitly know
 * to be safe, so nothing here needs to be trusted to be non-secret.
 */

/** A step's operation (Pulumi's StepOp). Newer engines may add ops; unknown ones are kept as strings. */
export type StepOp =
    | "same"
    | "create"
    | "update"
    | "delete"
    | "replace"
    | "create-replacement"
    | "delete-replaced"
    | "read"
    | "read-replacement"
    | "refresh"
    | "discard"
    | "discard-replaced"
    | "remove-pending-replace"
    | "import"
    | "import-replacement";

/** Kind of a difference in one property (Pulumi's DiffKind, as its String()). */
export type DiffKind = "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";

/** One entry of a step's detailedDiff. */
export interface PropertyDiff {
    kind: DiffKind | string;
    /** True when the difference is between old and new inputs rather than old state and new inputs. */
    inputDiff?: boolean;
}

/** A resource's state as the engine serialises it (apitype.ResourceV3); secrets show as "[secret]". */
export interface ResourceState {
    urn: string;
    type: string;
    custom?: boolean;
    delete?: boolean;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    /** URN of the parent resource, when it has one: for a berth child, its component. */
    parent?: string;
    /** URNs of the resources it depends on. */
    dependencies?: string[];
    protect?: boolean;
    provider?: string;
}

/** One step the engine would take (display.PreviewStep). */
export interface PreviewStep {
    op: StepOp | string;
    urn: string;
    provider?: string;
    oldState?: ResourceState;
    newState?: ResourceState;
    /** Top-level keys causing a diff (updates). */
    diffReasons?: string[];
    /** Top-level keys forcing a replacement (replacements). */
    replaceReasons?: string[];
    /** Property path (e.g. `spec.template.metadata.annotations["berth.dev/config-hash"]`) to its diff; null when the provider gave none. */
    detailedDiff?: Record<string, PropertyDiff> | null;
}

/** A warning or error from the preview (display.PreviewDiagnostic). */
export interface PreviewDiagnostic {
    urn?: string;
    prefix?: string;
    message?: string;
    severity?: string;
}

/** The whole document `pulumi preview --json` prints. */
export interface PreviewDigest {
    config?: Record<string, string>;
    steps: PreviewStep[];
    diagnostics: PreviewDiagnostic[];
    /** Nanoseconds (Go's time.Duration). */
    duration?: number;
    /** Count per op, e.g. { create: 2, same: 10 }. */
    changeSummary?: Record<string, number>;
    maybeCorrupt?: boolean;
}

/** Input that is not a preview document; the message names the source and what to do. */
export class PreviewReadError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PreviewReadError";
    }
}

/**
 * Parses the text `pulumi preview --json` printed. Checks the shape as far as
 * berth review relies on it and throws a PreviewReadError naming `source`
 * (a file name, or "stdin") otherwise.
 */
export function readPreview(text: string, source: string): PreviewDigest {
    const trimmed = text.replace(/^\uFEFF/, "").trim();
    if (trimmed === "") {
        throw new PreviewReadError(`${source}: empty input; did \`pulumi preview --json\` fail before printing anything?`);
    }
    let document: unknown;
    try {
        document = JSON.parse(trimmed);
    } catch (error) {
        // Streaming mode prints one engine event per line instead of one document.
        if (/^\{[^\n]*"sequence"\s*:/.test(trimmed) && trimmed.includes("\n")) {
            throw new PreviewReadError(
                `${source}: this is a stream of engine events, not a preview document; unset PULUMI_ENABLE_STREAMING_JSON_PREVIEW`,
            );
        }
        throw new PreviewReadError(`${source}: not JSON (${(error as Error).message}); pass the output of \`pulumi preview --json\``);
    }
    if (!isObject(document)) {
        throw new PreviewReadError(`${source}: expected a JSON object (the output of \`pulumi preview --json\`)`);
    }

    const steps = optionalArray(document.steps, `${source}: "steps"`).map((step, index) => readStep(step, `${source}: steps[${index}]`));
    const diagnostics = optionalArray(document.diagnostics, `${source}: "diagnostics"`).filter(isObject) as PreviewDiagnostic[];
    return {
        config: isObject(document.config) ? (document.config as Record<string, string>) : undefined,
        steps,
        diagnostics,
        duration: typeof document.duration === "number" ? document.duration : undefined,
        changeSummary: isObject(document.changeSummary) ? (document.changeSummary as Record<string, number>) : undefined,
        maybeCorrupt: document.maybeCorrupt === true ? true : undefined,
    };
}

function readStep(value: unknown, where: string): PreviewStep {
    if (!isObject(value)) {
        throw new PreviewReadError(`${where}: expected an object`);
    }
    if (typeof value.op !== "string" || typeof value.urn !== "string") {
        throw new PreviewReadError(`${where}: expected "op" and "urn" strings`);
    }
    return {
        op: value.op,
        urn: value.urn,
        provider: typeof value.provider === "string" ? value.provider : undefined,
        oldState: readState(value.oldState),
        newState: readState(value.newState),
        diffReasons: stringList(value.diffReasons),
        replaceReasons: stringList(value.replaceReasons),
        detailedDiff: readDetailedDiff(value.detailedDiff),
    };
}

function readState(value: unknown): ResourceState | undefined {
    if (!isObject(value) || typeof value.urn !== "string" || typeof value.type !== "string") {
        return undefined;
    }
    return {
        urn: value.urn,
        type: value.type,
        custom: typeof value.custom === "boolean" ? value.custom : undefined,
        delete: typeof value.delete === "boolean" ? value.delete : undefined,
        id: typeof value.id === "string" ? value.id : undefined,
        inputs: isObject(value.inputs) ? value.inputs : undefined,
        outputs: isObject(value.outputs) ? value.outputs : undefined,
        parent: typeof value.parent === "string" ? value.parent : undefined,
        dependencies: stringList(value.dependencies),
        protect: typeof value.protect === "boolean" ? value.protect : undefined,
        provider: typeof value.provider === "string" ? value.provider : undefined,
    };
}

function readDetailedDiff(value: unknown): Record<string, PropertyDiff> | null {
    if (!isObject(value)) {
        return null;
    }
    const diff: Record<string, PropertyDiff> = {};
    for (const [path, entry] of Object.entries(value)) {
        if (isObject(entry) && typeof entry.kind === "string") {
            diff[path] = { kind: entry.kind, inputDiff: entry.inputDiff === true };
        }
    }
    return diff;
}

function stringList(value: unknown): string[] | undefined {
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined;
}

function optionalArray(value: unknown, where: string): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        throw new PreviewReadError(`${where} must be a list`);
    }
    return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
