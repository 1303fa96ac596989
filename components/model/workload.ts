import * as pulumi from "@pulumi/pulumi";
import type { DependencySpec } from "../args/dependencies";
import type { helperContainer } from "../args/container-app";
import type { z } from "zod";
import { Target } from "../stack/target";
import { Tier } from "../stack/berth-settings";
import type { ConfigMountModel, ResourcesModel, SecurityModel, VolumeModel } from "./app";
import { ImageBuildModel, imageBuildModel } from "./image-build";
import { InputMap, sortedMap, StringMap } from "./maps";
import { NetworkModel } from "./network";

/*
 * What apps and jobs have in common: the container they run, the init
 * containers and sidecars beside it, and what they wait for before they start.
 */

/** What a dependency waits for: an app "started" or "healthy", a job "completed". */
export type DependencyModel = DependencySpec;

/** One of the workload's volumes, mounted into a helper container. */
export interface VolumeMountModel {
    /** The workload volume's name. */
    volume: string;
    mountPath: string;
    readOnly: boolean;
}

/**
 * Where a container's image comes from: pulled by reference (image) or built
 * from source (build), exactly one of the two (checked with the args). Each
 * backend resolves it before it builds the container (Docker: the image's id;
 * Kubernetes: the reference, or the pushed digest).
 */
export interface ImageSourceModel {
    /** The image to pull; undefined when it is built from source. */
    image?: pulumi.Input<string>;
    /** The image's source, when it is built rather than pulled. */
    build?: ImageBuildModel;
}

/** A container's own parts: what every container berth runs is made of. */
export interface ContainerSpecModel extends ImageSourceModel {
    command?: string[];
    args?: string[];
    env: InputMap;
    configs: ConfigMountModel[];
    resources: ResourcesModel;
    security: SecurityModel;
}

/** An init container (runs to completion before the workload's container) or a sidecar (runs beside it). */
export interface HelperContainerModel extends ContainerSpecModel {
    name: string;
    mounts: VolumeMountModel[];
}

/** An app or a job: named on its network, one main container and its helpers. */
export interface WorkloadModel extends ContainerSpecModel {
    name: string;
    target: Target;
    network: NetworkModel;
    volumes: VolumeModel[];
    labels: StringMap;
    dependsOn: DependencyModel[];
    initContainers: HelperContainerModel[];
    skipAwait: boolean;
    /** The stack's tier, whose rules the workload was checked against. */
    tier: Tier;
}

type HelperSpec = z.output<typeof helperContainer>;

/** The configs a container uses, as their models. */
export function configMountModels(configs: HelperSpec["configs"]): ConfigMountModel[] {
    return configs.map((c) => ({ config: c.config.configModel, mountPath: c.mountPath, env: c.env, secretsAsFiles: c.secretsAsFiles }));
}

/** The security settings, with the fsGroup a non-root app (or job, or helper) gets unless it names one. */
export function securityModel(security: HelperSpec["security"]): SecurityModel {
    return { ...security, fsGroup: security.fsGroup ?? (security.runAsNonRoot ? security.runAsGroup : undefined) };
}

/** An init container's or sidecar's model: maps sorted, mounts by volume name. */
export function helperModel(spec: HelperSpec): HelperContainerModel {
    return {
        name: spec.name,
        image: spec.image,
        build: spec.build && imageBuildModel(spec.build),
        command: spec.command,
        args: spec.args,
        env: sortedMap(spec.env),
        configs: configMountModels(spec.configs),
        mounts: spec.volumes.map((v) => ({ volume: v.name, mountPath: v.mountPath, readOnly: v.readOnly })),
        resources: spec.resources,
        security: securityModel(spec.security),
    };
}
