import { SecurityModel } from "../../model/app";

/**
 * tmpfs mounts: /tmp under a read-only root (scratch space), and each
 * ephemeral volume only this container mounts (`paths`, with whether it is
 * read-only); undefined when none.
 */
export function tmpfsMounts(security: SecurityModel, paths: { mountPath: string; readOnly: boolean }[]): Record<string, string> | undefined {
    const tmpfs: Record<string, string> = {};
    if (security.readOnlyRootFilesystem) {
        tmpfs["/tmp"] = "rw,noexec,nosuid,size=64m";
    }
    for (const volume of paths) {
        tmpfs[volume.mountPath] = volume.readOnly ? "ro" : "rw,nosuid";
    }
    return Object.keys(tmpfs).length > 0 ? tmpfs : undefined;
}
