import { VolumeModel } from "../../model/app";
import { HelperContainerModel, WorkloadModel } from "../../model/workload";

/*
 * Which of an app's volumes are Docker named volumes, and their names. A
 * persistent volume is one per replica, kept across container replacements. An
 * ephemeral volume is a tmpfs of the one container that mounts it, unless a
 * helper container mounts it too: containers cannot share a tmpfs, so it is
 * then a named volume per replica as well, which outlives a replacement of
 * the containers (an emptyDir on Kubernetes lives as long as its pod).
 */

/** The app's volumes that are named volumes. */
export function namedVolumes(workload: Pick<WorkloadModel, "volumes" | "initContainers">, sidecars: HelperContainerModel[] = []): VolumeModel[] {
    const shared = new Set([...workload.initContainers, ...sidecars].flatMap((h) => h.mounts.map((m) => m.volume)));
    return workload.volumes.filter((v) => v.persistent || shared.has(v.name));
}

/** `<app>-<volume>-<replica>`: unique per app and replica, and apart from every other app's (berth claims `<app>-<volume>` per network). */
export function namedVolumeKey(appName: string, volume: string, replica: number): string {
    return `${appName}-${volume}-${replica}`;
}

/** The volume's name on the Docker host: `<network>-<app>-<volume>-<replica>`. */
export function namedVolumeName(networkName: string, appName: string, volume: string, replica: number): string {
    return `${networkName}-${namedVolumeKey(appName, volume, replica)}`;
}
