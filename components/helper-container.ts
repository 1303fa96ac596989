import * as pulumi from "@pulumi/pulumi";
import { argDefaults } from "./args/defaults";
import type { ConfigMountArgs, ImageBuildArgs, ResourcesArgs, SecurityArgs } from "./container-app";

/** One of the app's (or job's) volumes, mounted into an init container or a sidecar too. */
export interface VolumeMountArgs {
    /** Name of a volume of the app or job. */
    name: string;
    /** Where it is mounted in this container. */
    mountPath: string;
    /**
     * Mount read-only.
     * @default {@link argDefaults.volume.readOnly}
     */
    readOnly?: boolean;
}

/**
 * A container beside the app's own: an init container (runs to completion
 * before the app's container starts) or a sidecar (runs beside it, sharing its
 * network and the volumes it mounts). Same secure defaults as the app.
 */
export interface HelperContainerArgs {
    /** Container name, unique among the app's containers; at most 50 characters. */
    name: string;
    /**
     * Image reference, e.g. registry.example.com/shop/migrate:1.4.2. Set exactly one of image and build.
     * @default none: the image is built (`build`)
     */
    image?: pulumi.Input<string>;
    /**
     * Build the image from source instead, as the app's own (same rules and
     * rebuilds). A rebuilt image replaces this container on Docker and rolls
     * the pods on Kubernetes, as a new image reference does.
     * @default none: the image is pulled (`image`)
     */
    build?: ImageBuildArgs;
    /**
     * Replaces the image's entrypoint.
     * @default the image's entrypoint
     */
    command?: string[];
    /**
     * Arguments (replace the image's CMD).
     * @default the image's CMD
     */
    args?: string[];
    /**
     * Env vars. A value that is a Pulumi secret stays one.
     * @default {@link argDefaults.helper.env}
     */
    env?: { [name: string]: pulumi.Input<string> };
    /**
     * AppConfigs this container uses (of the app's network).
     * @default {@link argDefaults.helper.configs}
     */
    configs?: ConfigMountArgs[];
    /**
     * The app's volumes this container mounts, by name.
     * @default {@link argDefaults.helper.volumes}
     */
    volumes?: VolumeMountArgs[];
    /**
     * CPU and memory requests and limits.
     * @default none
     */
    resources?: ResourcesArgs;
    /**
     * Security settings; each default is the secure choice.
     * @default non-root {@link argDefaults.security.runAsUser}, read-only root, no capabilities, no privilege escalation
     */
    security?: SecurityArgs;
}
