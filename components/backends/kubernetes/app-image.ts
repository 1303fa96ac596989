import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { AppModel } from "../../model/app";
import { readRegistry, RegistrySettings } from "../../stack/registry";
import { appBuildOwner, renderImageBuild } from "../image-build";

/*
 * The image reference an app's pods run. A pulled image is the reference as
 * given. A built one is built by the stack's Docker engine, pushed to the
 * stack's registry (`berth:registry`) and referred to by the digest the
 * registry reports, `<repository>@sha256:...`: pinned, as a prod stack
 * demands, without anyone copying digests, and a rebuild that changes
 * nothing in the image changes nothing in the Deployment.
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

/** Where a built app's image is pushed: `<registry prefix>/<network>/<app>`. */
export function pushedRepository(registry: RegistrySettings, app: AppModel): string {
    return `${registry.repositoryPrefix}/${app.network.name}/${app.name}`;
}

/** The credentials of the push: the address always (the provider asks for one), the user and password when set. */
export function registryAuth(registry: RegistrySettings): docker.types.input.RegistryImageAuthConfig {
    return { address: registry.address, username: registry.username, password: registry.password };
}

export async function kubernetesAppImage(app: AppModel, parent: pulumi.Resource): Promise<pulumi.Input<string>> {
    if (!app.build) {
        if (app.image === undefined) {
            throw new Error(`ContainerApp "${app.name}" has neither image nor build (checked with its args)`);
        }
        return app.image;
    }
    const { registry } = readRegistry();
    if (!registry) {
        throw new Error(`ContainerApp "${app.name}" builds its image but the stack names no registry (checked with its args)`);
    }
    const repository = pushedRepository(registry, app);
    const built = await renderImageBuild(appBuildOwner(app), app.build, repository, parent, createBeforeDelete);
    const pushed = new docker.RegistryImage(
        `${app.name}-push`,
        // A rebuild under the same name (pulumi up --replace) pushes again: the local image's id is a trigger.
        { name: built.name, keepRemotely: true, authConfig: registryAuth(registry), triggers: { imageId: built.imageId } },
        { parent, ...createBeforeDelete },
    );
    return pulumi.interpolate`${repository}@${pushed.sha256Digest}`;
}
