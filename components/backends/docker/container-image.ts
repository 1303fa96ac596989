import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { ImageSourceModel } from "../../model/workload";
import { BuildOwner, imageResourceName, pulledReference, renderImageBuild } from "../image-build";

/*
 * The id of a container's image on the Docker engine, which the container
 * runs by id (so a retag or a rebuild shows as a change, and an unchanged one
 * never does). One way for every container: an app's, a job's, an init
 * container's, a sidecar's.
 */

/** An image pulled by reference, kept when the stack lets go of it (another stack may run it). */
function pullImage(owner: BuildOwner, image: pulumi.Input<string>, parent: pulumi.Resource): pulumi.Output<string> {
    return new docker.RemoteImage(imageResourceName(owner), { name: image, keepLocally: true }, { parent }).imageId;
}

/**
 * The image's id: pulled, or built from source by the engine under the local
 * name `<network>/<owner>:<tag>` (backends/image-build.ts).
 */
export async function dockerImage(owner: BuildOwner, source: ImageSourceModel, parent: pulumi.Resource): Promise<pulumi.Output<string>> {
    if (source.build) {
        return (await renderImageBuild(owner, source.build, `${owner.network}/${owner.name}`, parent)).imageId;
    }
    return pullImage(owner, pulledReference(owner, source), parent);
}
