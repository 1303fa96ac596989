import { Findings, rulesFor } from "../validation/rules";
import { checkImageSource } from "./image-build";
import { checkConfigMounts, checkMountPaths } from "./mount-paths";

/*
 * Rules of init containers and sidecars: each pulls or builds its image,
 * mounts volumes of its workload by name, at paths of its own, and its config
 * files where no tmpfs hides them; their names are distinct (they are
 * containers of one pod).
 */

interface HelperLike {
    name: string;
    image?: unknown;
    build?: unknown;
    volumes: { name: string; mountPath: string }[];
    configs: { mountPath?: string }[];
    security: { readOnlyRootFilesystem: boolean };
}

interface WorkloadVolume {
    name: string;
    persistent: boolean;
}

type HelperList = "initContainers" | "sidecars";

const initRule = rulesFor<{ volumes: WorkloadVolume[]; initContainers: HelperLike[] }>();
const sidecarRule = rulesFor<{ volumes: WorkloadVolume[]; sidecars: HelperLike[] }>();

/** The problems of each helper of one list, at `<list>[i].…`. */
function checkHelpers(list: HelperList, helpers: HelperLike[], volumes: WorkloadVolume[], findings: Findings): void {
    const byName = new Map(volumes.map((v) => [v.name, v]));
    helpers.forEach((helper, index) => {
        const at = (...rest: PropertyKey[]) => [list, index, ...rest];
        checkImageSource(helper, at(), findings);
        helper.volumes.forEach((mount, mountIndex) => {
            if (!byName.has(mount.name)) {
                const known = volumes.map((v) => v.name).join(", ") || "none declared";
                findings.problem(`"${mount.name}" is not one of the volumes (${known})`, at("volumes", mountIndex, "name"));
            }
        });
        checkMountPaths(
            helper.volumes.map((m) => m.mountPath),
            helper.security,
            (mountIndex) => at("volumes", mountIndex, "mountPath"),
            findings,
        );
        const mounts = helper.volumes.map((m, mountIndex) => ({ path: m.mountPath, tmpfs: byName.get(m.name)?.persistent === false, what: `volumes[${mountIndex}]` }));
        checkConfigMounts(helper.configs, mounts, helper.security, (configIndex) => at("configs", configIndex, "mountPath"), findings);
    });
}

/** Names of a pod's containers are unique: the helpers' among themselves (the workload's own is checked with its name). */
export function checkHelperNames(lists: [HelperList, HelperLike[]][], findings: Findings): void {
    const seen = new Map<string, string>();
    for (const [list, helpers] of lists) {
        helpers.forEach((helper, index) => {
            const where = `${list}[${index}]`;
            const taken = seen.get(helper.name);
            if (taken !== undefined) {
                findings.problem(`"${helper.name}" is already the name of ${taken}`, [list, index, "name"]);
            }
            seen.set(helper.name, taken ?? where);
        });
    }
}

const initContainersOk = initRule(["volumes", "initContainers"], (w, _context, findings) => {
    checkHelpers("initContainers", w.initContainers, w.volumes, findings);
});

const sidecarsOk = sidecarRule(["volumes", "sidecars"], (w, _context, findings) => {
    checkHelpers("sidecars", w.sidecars, w.volumes, findings);
});

const helperNames = rulesFor<{ initContainers: HelperLike[]; sidecars: HelperLike[] }>()(["initContainers", "sidecars"], (w, _context, findings) => {
    checkHelperNames(
        [
            ["initContainers", w.initContainers],
            ["sidecars", w.sidecars],
        ],
        findings,
    );
});

const initNames = initRule(["initContainers"], (w, _context, findings) => {
    checkHelperNames([["initContainers", w.initContainers]], findings);
});

/** The rules of an app's init containers and sidecars. */
export const helperContainerRules = [initContainersOk, sidecarsOk, helperNames];

/** The rules of a job's init containers (a job has no sidecars). */
export const initContainerRules = [initContainersOk, initNames];
