import { StackStatus, exitStatusOf } from "./workload-status";

/*
 * `berth status --json`: a stable schema for scripts (README, "berth status
 * --json"). schemaVersion changes only when a field changes meaning or goes;
 * new fields may appear in any version.
 */

export const statusSchemaVersion = 1;

/** The document `berth status --json` prints (one per refresh with --watch, one per line). */
export interface StatusDocument {
    schemaVersion: typeof statusSchemaVersion;
    /** When the engines were read (ISO 8601). */
    readAt: string;
    /** The command's exit status for this reading: 0 healthy, 1 something troubled, 2 unreadable. */
    exitStatus: 0 | 1 | 2;
    stacks: StackStatus[];
}

export function statusDocument(stacks: StackStatus[], readAt: Date): StatusDocument {
    return { schemaVersion: statusSchemaVersion, readAt: readAt.toISOString(), exitStatus: exitStatusOf(stacks), stacks };
}
