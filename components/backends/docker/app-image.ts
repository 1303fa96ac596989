import * as pulumi from "@pulumi/pulumi";
import { AppModel } from "../../model/app";
import { appBuildOwner, renderImageBuild } from "../image-build";
import { pullImage } from "./workload-containers";

/**
 * The id of an app's image on the Docker engine, which its containers run by
 * id (so a retag or a rebuild shows as a change, and an unchanged one never
 * does): pulled by reference and kept when the stack lets go of it (another
 * stack may run it), or built from source by the engine under the local name
 * `<network>/<app>:<tag>` (backends/image-build.ts).
 */
export async function dockerAppImage(app: AppModel, parent: pulumi.Resource): Promise<pulumi.Output<string>> {
    if (app.build) {
        return (await renderImageBuild(appBuildOwner(app), app.build, `${app.network.name}/${app.name}`, parent)).imageId;
    }
    if (app.image === undefined) {
        throw new Error(`ContainerApp "${app.name}" has neither image nor build (checked with its args)`);
    }
    return pullImage(`${app.name}-image`, app.image, parent);
}
