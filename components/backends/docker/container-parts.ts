import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { splitSecrets } from "../../model/secrets";
import { ContainerSpecModel } from "../../model/workload";
import { appEnv } from "../app-env";
import { secretOutputs } from "./container";
import { envList } from "./env";
import { configUploads } from "./uploads";

/** A container's env list, config files and root filesystem mode, and which of its inputs hold a secret. */
export interface ResolvedContainer {
    envs?: pulumi.Output<string[]>;
    uploads: docker.types.input.ContainerUpload[];
    readOnlyRoot: boolean;
    /** additionalSecretOutputs of its container (see secretOutputs). */
    secretOutputs: string[] | undefined;
}

/**
 * Resolves what a container takes from its spec and configs. The provider
 * copies config files in through "/", which Docker refuses on a read-only
 * root filesystem: a container with config files gets a writable root, and
 * `describe` (e.g. `ContainerApp "web"`) is warned about it; the files stay
 * root-owned and read-only to the non-root user.
 */
export async function resolveContainer(spec: Omit<ContainerSpecModel, "image">, describe: string, parent: pulumi.Resource, runsToCompletion = false): Promise<ResolvedContainer> {
    const { secret } = await splitSecrets(spec.env);
    const env = await appEnv(spec, secret);
    const mounts = [];
    for (const mount of spec.configs) {
        if (mount.mountPath !== undefined) {
            mounts.push({ mountPath: mount.mountPath, contents: await mount.config.contents, secretsAsFiles: mount.secretsAsFiles });
        }
    }
    const files = configUploads(mounts);
    const readOnlyRoot = spec.security.readOnlyRootFilesystem && files.uploads.length === 0;
    if (readOnlyRoot !== spec.security.readOnlyRootFilesystem) {
        pulumi.log.warn(`${describe}: its root filesystem is writable on Docker, which copies config files into a container only through a writable root filesystem`, parent);
    }
    return {
        envs: env.length > 0 ? envList(env) : undefined,
        uploads: files.uploads,
        readOnlyRoot,
        secretOutputs: secretOutputs(
            env.some((e) => e.secret),
            files.holdsSecret,
            runsToCompletion,
        ),
    };
}
