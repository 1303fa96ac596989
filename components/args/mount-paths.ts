import { Findings, rulesFor } from "../validation/rules";

/*
 * Where a container's volumes and config files are mounted: each path once,
 * not on the /tmp scratch directory berth mounts under a read-only root, and
 * config files not under a tmpfs (Docker copies them in before the container
 * starts, so a tmpfs mounted above them would hide them). The same rules hold
 * for an app's, a job's and a helper container's mounts.
 */

interface VolumeLike {
    name: string;
    mountPath: string;
    persistent: boolean;
}

interface ConfigMountLike {
    mountPath?: string;
}

interface SecurityLike {
    readOnlyRootFilesystem: boolean;
}

/** A mount a config's files could end up under. */
export interface MountAbove {
    path: string;
    /** A tmpfs on Docker (an ephemeral volume, the scratch directory): it hides what was copied in below it. */
    tmpfs: boolean;
    /** How a problem names it, e.g. "volumes[0]". */
    what: string;
}

/** Under a read-only root berth mounts a writable scratch directory at /tmp (tmpfs / emptyDir). */
export function scratchDirectory(security: SecurityLike): string | undefined {
    return security.readOnlyRootFilesystem ? "/tmp" : undefined;
}

const scratchTaken = "is the writable scratch directory berth mounts under a read-only root filesystem; mount elsewhere or set security.readOnlyRootFilesystem to false";

/** Each mount path once, and not the scratch directory; `at(index)` is the arg path of a mount's path. */
export function checkMountPaths(paths: string[], security: SecurityLike, at: (index: number) => PropertyKey[], findings: Findings): void {
    const scratch = scratchDirectory(security);
    const seen = new Set<string>();
    paths.forEach((mountPath, index) => {
        if (seen.has(mountPath)) {
            findings.problem(`${mountPath} is used by another volume`, at(index));
        } else if (mountPath === scratch) {
            findings.problem(`${mountPath} ${scratchTaken}`, at(index));
        }
        seen.add(mountPath);
    });
}

/** Each config at a path of its own, not on a volume or the scratch directory, not under a tmpfs. */
export function checkConfigMounts(configs: ConfigMountLike[], mounts: MountAbove[], security: SecurityLike, at: (index: number) => PropertyKey[], findings: Findings): void {
    const scratch = scratchDirectory(security);
    const volumePaths = new Set(mounts.map((m) => m.path));
    const tmpfsMounts = [...mounts.filter((m) => m.tmpfs), ...(scratch ? [{ path: scratch, tmpfs: true, what: "the /tmp scratch directory" }] : [])];
    const configPaths = new Map<string, number>();
    configs.forEach((c, index) => {
        if (c.mountPath === undefined) {
            return;
        }
        const mountPath = c.mountPath;
        const hiding = tmpfsMounts.find((m) => mountPath.startsWith(`${m.path.replace(/\/+$/, "")}/`));
        if (volumePaths.has(mountPath)) {
            findings.problem(`${mountPath} is used by a volume`, at(index));
        } else if (mountPath === scratch) {
            findings.problem(`${mountPath} ${scratchTaken}`, at(index));
        } else if (configPaths.has(mountPath)) {
            findings.problem(`${mountPath} is used by configs[${configPaths.get(mountPath)}]`, at(index));
        } else if (hiding) {
            findings.problem(`${mountPath} is inside ${hiding.what} at ${hiding.path}, a tmpfs on Docker that would hide the config's files; mount it elsewhere`, at(index));
        }
        configPaths.set(mountPath, configPaths.get(mountPath) ?? index);
    });
}

const mountRule = rulesFor<{ volumes: VolumeLike[]; configs: ConfigMountLike[]; security: SecurityLike }>();

/** Volume names and mount paths are unique. (Each replica has its own persistent volume.) */
export const distinctVolumes = mountRule(["volumes", "security"], (workload, _context, findings) => {
    const names = new Set<string>();
    workload.volumes.forEach((v, index) => {
        if (names.has(v.name)) {
            findings.problem(`"${v.name}" is used by another volume`, ["volumes", index, "name"]);
        }
        names.add(v.name);
    });
    checkMountPaths(
        workload.volumes.map((v) => v.mountPath),
        workload.security,
        (index) => ["volumes", index, "mountPath"],
        findings,
    );
});

/** Each config mounts at a path of its own, where no tmpfs hides it. */
export const distinctConfigMounts = mountRule(["configs", "volumes", "security"], (workload, _context, findings) => {
    const mounts = workload.volumes.map((v, index) => ({ path: v.mountPath, tmpfs: !v.persistent, what: `volumes[${index}]` }));
    checkConfigMounts(workload.configs, mounts, workload.security, (index) => ["configs", index, "mountPath"], findings);
});
