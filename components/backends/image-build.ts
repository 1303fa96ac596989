import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { BuildDigests, buildDigests, buildTag, ImageBuildModel } from "../model/image-build";
import { splitSecrets } from "../model/secrets";
import { HelperContainerModel, ImageSourceModel, WorkloadModel } from "../model/workload";
import { buildLogFile, buildLogHooks } from "./build-log";

/*
 * An image built from source by the stack's Docker engine, for either
 * target: the bridged RemoteImage with its build block. Docker's containers
 * run it by id; Kubernetes pushes it to the stack's registry first
 * (kubernetes/container-image.ts).
 *
 * The image is rebuilt when, and only when, what goes into it changes: the
 * digests of the context, the Dockerfile and the args are its triggers (the
 * provider sees a path, not what is in it), and together with the target and
 * platform they make its tag, so each build has a name of its own. A
 * replaced image is then removed (keepLocally false) without touching the
 * new one, which a shared tag would not allow. The trigger that changed says
 * in the preview why the image is rebuilt.
 */

/** The triggers of a build: one per part, so the preview names the part that changed. */
export function buildTriggers(digests: BuildDigests): Record<string, string> {
    return { args: digests.args, context: digests.context, dockerfile: digests.dockerfile };
}

/** The image's name: its repository, tagged with the digest of everything that goes into it. */
export function builtImageName(repository: string, build: ImageBuildModel, digests: BuildDigests): string {
    return `${repository}:${buildTag(build, digests)}`;
}

/** The RemoteImage's build block: paths relative to the project directory, args as given (secrets stay secret). */
export function buildBlock(build: ImageBuildModel, logFile: string): docker.types.input.RemoteImageBuild {
    return {
        context: build.context,
        dockerfile: build.dockerfile,
        target: build.target,
        platform: build.platform,
        buildArgs: Object.keys(build.args).length > 0 ? build.args : undefined,
        buildLogFile: logFile,
    };
}

/**
 * The container whose image it is, for names, its log file and its error:
 * an app's or a job's own, or one of their init containers or sidecars.
 */
export interface BuildOwner {
    /** How errors name it, e.g. `ContainerApp "web"`, `ContainerJob "seed" init container "fetch"`. */
    description: string;
    network: string;
    /**
     * The workload's name, or `<workload>.<helper>` for a helper (a dot no
     * workload name has): the image's resource is `<name>-image` (a pulled
     * image's too), its repository `<network>/<name>`.
     */
    name: string;
}

/** An app's or a job's own container; `describe` names the workload, e.g. `ContainerJob "migrate"`. */
export function workloadBuildOwner(describe: string, workload: Pick<WorkloadModel, "name" | "network">): BuildOwner {
    return { description: describe, network: workload.network.name, name: workload.name };
}

/** An init container or a sidecar of the workload `owner`. */
export function helperBuildOwner(owner: BuildOwner, helper: Pick<HelperContainerModel, "name">, role: "init container" | "sidecar"): BuildOwner {
    return { description: `${owner.description} ${role} "${helper.name}"`, network: owner.network, name: `${owner.name}.${helper.name}` };
}

/** The reference of an image that is pulled, not built (validation lets no container lack both). */
export function pulledReference(owner: BuildOwner, source: ImageSourceModel): pulumi.Input<string> {
    if (source.image === undefined) {
        throw new Error(`${owner.description} has neither image nor build (checked with its args)`);
    }
    return source.image;
}
/** The image resource of a container, pulled or built: `<name>-image`. */
export function imageResourceName(owner: BuildOwner): string {
    return `${owner.name}-image`;
}

/**
 * Registers the image's build on the stack's Docker engine, under
 * `repository` (a local name on Docker, the registry's repository on
 * Kubernetes). A preview reads the context (to know whether it changed) and
 * builds nothing.
 */
export async function renderImageBuild(
    owner: BuildOwner,
    build: ImageBuildModel,
    repository: string,
    parent: pulumi.Resource,
    replacement: Pick<pulumi.CustomResourceOptions, "deleteBeforeReplace"> = {},
): Promise<docker.RemoteImage> {
    const digests = buildDigests(`${owner.network}/${owner.name}`, build);
    const logFile = buildLogFile(pulumi.getStack(), owner.network, owner.name);
    const { secret } = await splitSecrets(build.args);
    const options: pulumi.CustomResourceOptions = {
        parent,
        ...replacement,
        // The build block carries the args, secret ones among them: declared, so policies see it too.
        additionalSecretOutputs: Object.keys(secret).length > 0 ? ["build"] : undefined,
        // Hooks run on `up` only; a preview has no build to report on.
        hooks: pulumi.runtime.isDryRun() ? undefined : buildLogHooks(owner.description, logFile, secretValues(secret), parent),
    };
    return new docker.RemoteImage(
        imageResourceName(owner),
        {
            name: digests.apply((d) => builtImageName(repository, build, d)),
            build: buildBlock(build, logFile),
            triggers: digests.apply(buildTriggers),
            keepLocally: false,
        },
        options,
    );
}

/** The plaintext of secret args, to mask them in a failed build's output. */
function secretValues(secret: Record<string, pulumi.Input<string>>): Promise<string[]> {
    return new Promise((resolve) => pulumi.output(secret).apply((values) => resolve(Object.values(values))));
}
