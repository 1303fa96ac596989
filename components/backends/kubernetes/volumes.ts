import * as k8s from "@pulumi/kubernetes";
import { ConfigMountModel, SecurityModel, VolumeModel } from "../../model/app";
import { StringMap } from "../../model/maps";
import { VolumeMountModel } from "../../model/workload";

type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;
type VolumeProjection = k8s.types.input.core.v1.VolumeProjection;

/** Pod volumes and one container's mounts of them. */
export interface PodVolumes {
    volumes: Volume[];
    mounts: VolumeMount[];
}

/** A pod volume's name for one of the workload's volumes (apart from berth's own: `tmp`, `config-…`). */
export function volumeName(volume: string): string {
    return `volume-${volume}`;
}

/**
 * Each config's files in one read-only directory: a projected volume over its
 * ConfigMap and Secret, named by `name(index)` (`config-<i>` for the workload's
 * own container, `config-<helper>-<i>` for a helper's).
 */
export function configVolumes(configs: ConfigMountModel[], fileSources: (mount: ConfigMountModel) => VolumeProjection[], name: (index: number) => string = (index) => `config-${index}`): PodVolumes {
    const out: PodVolumes = { volumes: [], mounts: [] };
    configs.forEach((mount, index) => {
        if (mount.mountPath === undefined) {
            return;
        }
        out.volumes.push({ name: name(index), projected: { sources: fileSources(mount) } });
        out.mounts.push({ name: name(index), mountPath: mount.mountPath, readOnly: true });
    });
    return out;
}

/** A read-only root still needs somewhere to write scratch files: an emptyDir at /tmp (one per pod, shared by its containers). */
export function scratchVolume(security: SecurityModel): PodVolumes {
    return security.readOnlyRootFilesystem ? { volumes: [{ name: "tmp", emptyDir: {} }], mounts: [{ name: "tmp", mountPath: "/tmp" }] } : { volumes: [], mounts: [] };
}

/**
 * The workload's volumes, mounted in its own container: an emptyDir each for
 * the ephemeral ones. A persistent volume is no pod volume: the StatefulSet's
 * claim template (`claimTemplates`) gives each replica its own claim of that name.
 */
export function appVolumes(volumes: VolumeModel[]): PodVolumes {
    return {
        volumes: volumes.filter((v) => !v.persistent).map((v) => ({ name: volumeName(v.name), emptyDir: {} })),
        mounts: volumes.map((v) => ({ name: volumeName(v.name), mountPath: v.mountPath, readOnly: v.readOnly || undefined })),
    };
}

/** A helper container's mounts of the workload's volumes (the pod volumes come with the workload's own). */
export function helperMounts(mounts: VolumeMountModel[]): VolumeMount[] {
    return mounts.map((m) => ({ name: volumeName(m.volume), mountPath: m.mountPath, readOnly: m.readOnly || undefined }));
}

/** A persistent volume's claim: one node at a time, one claim per replica. */
export function claimSpec(volume: VolumeModel): k8s.types.input.core.v1.PersistentVolumeClaimSpec {
    return { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: volume.size } } };
}

/** A StatefulSet's claim templates: replica N of app A gets the claim `volume-<name>-A-N` for each persistent volume. */
export function claimTemplates(volumes: VolumeModel[], labels: StringMap): k8s.types.input.core.v1.PersistentVolumeClaim[] {
    return volumes.filter((v) => v.persistent).map((v) => ({ metadata: { name: volumeName(v.name), labels }, spec: claimSpec(v) }));
}

/** The pod's volumes, each once, in the order its containers first use them. */
export function podVolumes(...parts: PodVolumes[]): Volume[] {
    const byName = new Map<string, Volume>();
    for (const volume of parts.flatMap((p) => p.volumes)) {
        if (!byName.has(volume.name as string)) {
            byName.set(volume.name as string, volume);
        }
    }
    return [...byName.values()];
}

/** One container's mounts, in order. */
export function containerMounts(...parts: PodVolumes[]): VolumeMount[] {
    return parts.flatMap((p) => p.mounts);
}
