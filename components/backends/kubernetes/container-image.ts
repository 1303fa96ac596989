import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { HelperContainerModel, ImageSourceModel } from "../../model/workload";
import { readRegistry, RegistrySettings } from "../../stack/registry";
import { BuildOwner, helperBuildOwner, pulledReference, renderImageBuild } from "../image-build";

/*
 * The image reference a container runs (an app's, a job's, an init
 * container's, a sidecar's: one way for all). A pulled image is the reference as
 * given. A built one is built by the stack's Docker engine, pushed to the
 * stack's registry (`berth:registry`) and referred to by the digest the
 * registry reports, `<repository>@sha256:...`: pinned, as a prod stack
 * demands, without anyone copying digests, and a rebuild that changes
 * nothing in the image changes nothing in the Deployment (or the Job's name).
 */

/**
 * The Docker provider replaces an image with a `name` of its own delete
 * first, and the engine then replaces whatever depends on it the same way
 * when the dependent's diff, with the new value unknown, may be a replacement:
 * a rebuild deleted and recreated the Deployment (measured by the Kubernetes
 * build suite: replace 3, where the image and the push are the only ones that
 * must be replaced). Each build has a tag of its own (model/image-build.ts),
 * so the new image and push never collide with the old, and the Deployment
 * rolls to the new digest in place.
 */
const createBeforeDelete = { deleteBeforeReplace: false };

/** Where a built image is pushed: `<registry prefix>/<network>/<owner>` (`<owner>` is `<workload>` or `<workload>.<helper>`). */
export function pushedRepository(registry: RegistrySettings, owner: BuildOwner): string {
    return `${registry.repositoryPrefix}/${owner.network}/${owner.name}`;
}

/** The credentials of the push: the address always (the provider asks for one), the user and password when set. */
export function registryAuth(registry: RegistrySettings): docker.types.input.RegistryImageAuthConfig {
    return { address: registry.address, username: registry.username, password: registry.password };
}

export async function kubernetesImage(owner: BuildOwner, source: ImageSourceModel, parent: pulumi.Resource): Promise<pulumi.Input<string>> {
    if (!source.build) {
        return pulledReference(owner, source);
    }
    const { registry } = readRegistry();
    if (!registry) {
        throw new Error(`${owner.description} builds its image but the stack names no registry (checked with its args)`);
    }
    const repository = pushedRepository(registry, owner);
    const built = await renderImageBuild(owner, source.build, repository, parent, createBeforeDelete);
    const pushed = new docker.RegistryImage(
        `${owner.name}-push`,
        // A rebuild under the same name (pulumi up --replace) pushes again: the local image's id is a trigger.
        { name: built.name, keepRemotely: true, authConfig: registryAuth(registry), triggers: { imageId: built.imageId } },
        { parent, ...createBeforeDelete },
    );
    return pulumi.interpolate`${repository}@${pushed.sha256Digest}`;
}

/** The image of each init container and sidecar of the workload `owner`, by the helper's name (unique in its pod). */
export async function kubernetesHelperImages(owner: BuildOwner, initContainers: HelperContainerModel[], sidecars: HelperContainerModel[], parent: pulumi.Resource): Promise<Map<string, pulumi.Input<string>>> {
    const images = new Map<string, pulumi.Input<string>>();
    for (const [helpers, role] of [[initContainers, "init container"], [sidecars, "sidecar"]] as const) {
        for (const helper of helpers) {
            images.set(helper.name, await kubernetesImage(helperBuildOwner(owner, helper, role), helper, parent));
        }
    }
    return images;
}
