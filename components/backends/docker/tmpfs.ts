import { AppModel } from "../../model/app";

/** tmpfs mounts: /tmp under a read-only root (scratch space), and each ephemeral volume; undefined when none. */
export function tmpfsMounts(app: Pick<AppModel, "security" | "volumes">): Record<string, string> | undefined {
    const tmpfs: Record<string, string> = {};
    if (app.security.readOnlyRootFilesystem) {
        tmpfs["/tmp"] = "rw,noexec,nosuid,size=64m";
    }
    for (const volume of app.volumes.filter((v) => !v.persistent)) {
        tmpfs[volume.mountPath] = volume.readOnly ? "ro" : "rw,nosuid";
    }
    return Object.keys(tmpfs).length > 0 ? tmpfs : undefined;
}
