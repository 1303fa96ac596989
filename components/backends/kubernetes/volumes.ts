import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ConfigMountModel, SecurityModel, VolumeModel } from "../../model/app";

type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;
type VolumeProjection = k8s.types.input.core.v1.VolumeProjection;

/** Pod volumes and the container's mounts of them, in the same order. */
export interface PodVolumes {
    volumes: Volume[];
    mounts: VolumeMount[];
}

/** A config's files in one read-only directory: a projected volume over its ConfigMap and Secret. */
export function configVolumes(configs: ConfigMountModel[], fileSources: (mount: ConfigMountModel) => VolumeProjection[]): PodVolumes {
    const out: PodVolumes = { volumes: [], mounts: [] };
    configs.forEach((mount, index) => {
        if (mount.mountPath === undefined) {
            return;
        }
        const name = `config-${index}`;
        out.volumes.push({ name, projected: { sources: fileSources(mount) } });
        out.mounts.push({ name, mountPath: mount.mountPath, readOnly: true });
    });
    return out;
}

/** A read-only root still needs somewhere to write scratch files: an emptyDir at /tmp. */
export function scratchVolume(security: SecurityModel): PodVolumes {
    return security.readOnlyRootFilesystem ? { volumes: [{ name: "tmp", emptyDir: {} }], mounts: [{ name: "tmp", mountPath: "/tmp" }] } : { volumes: [], mounts: [] };
}

/** The app's volumes: an emptyDir each, or the PersistentVolumeClaim named in `claims` for a persistent one. */
export function appVolumes(volumes: VolumeModel[], claims: Record<string, pulumi.Input<string>>): PodVolumes {
    return {
        volumes: volumes.map((v) => (v.persistent ? { name: `volume-${v.name}`, persistentVolumeClaim: { claimName: claims[v.name] } } : { name: `volume-${v.name}`, emptyDir: {} })),
        mounts: volumes.map((v) => ({ name: `volume-${v.name}`, mountPath: v.mountPath, readOnly: v.readOnly || undefined })),
    };
}

/** A persistent volume's claim: one node at a time (a persistent volume has one replica). */
export function claimSpec(volume: VolumeModel): k8s.types.input.core.v1.PersistentVolumeClaimSpec {
    return { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: volume.size } } };
}

/** Pod volumes in order: configs, the scratch directory, the app's volumes. */
export function podVolumes(...parts: PodVolumes[]): PodVolumes {
    return { volumes: parts.flatMap((p) => p.volumes), mounts: parts.flatMap((p) => p.mounts) };
}
