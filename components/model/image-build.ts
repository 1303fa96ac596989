import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { ImageBuildSpec } from "../args/image-build";
import { combineDigests, secretDigest } from "./config-hash";
import { contextDigest, fileDigest } from "./context-digest";
import { InputMap, sortedMap } from "./maps";
import { splitSecrets } from "./secrets";

/* An image built from source (`build`), resolved: paths as the Docker provider reads them, args sorted. */

export interface ImageBuildModel {
    /**
     * The context directory, relative to the project directory (the program's
     * working directory, which is the Docker provider's too): state then names
     * no machine's own paths, and a teammate's preview shows no change.
     */
    context: string;
    /** The context's absolute path, where berth reads it (for its digest) whatever the working directory is then. */
    contextDir: string;
    /** The Dockerfile, relative to the context (`../Dockerfile.web` when it lies outside). */
    dockerfile: string;
    /** The stage to build; the last one when undefined. */
    target?: string;
    /** The platform to build for; the engine's own when undefined. */
    platform?: string;
    /** Build args, sorted; a Pulumi secret stays one. */
    args: InputMap;
}

/** Where a context is read from: a relative path from the project directory. */
export function contextDirectory(context: string): string {
    return path.resolve(context);
}

/** Where a Dockerfile is read from: a relative path from its context. */
export function dockerfilePath(contextDir: string, dockerfile: string): string {
    return path.resolve(contextDir, dockerfile);
}

/** The model of a valid `build`. */
export function imageBuildModel(spec: ImageBuildSpec): ImageBuildModel {
    const contextDir = contextDirectory(spec.context);
    return {
        context: posix(path.relative(process.cwd(), contextDir)) || ".",
        contextDir,
        dockerfile: posix(path.relative(contextDir, dockerfilePath(contextDir, spec.dockerfile))),
        target: spec.target,
        platform: spec.platform,
        args: sortedMap(spec.args),
    };
}

/**
 * What an image is built from, as digests: a change to any of them rebuilds
 * the image, and which one changed says why (berth review words it).
 */
export interface BuildDigests {
    /** What the engine is sent of the context (.dockerignore honoured; model/context-digest.ts). */
    context: string;
    /** The Dockerfile's content. */
    dockerfile: string;
    /** The build args; secret ones through scrypt, so the digest reveals none of them (model/config-hash.ts). */
    args: string;
}

/**
 * The digests of a build, read from disk now: the context and Dockerfile as
 * they are when the program runs (preview or up). Not a Pulumi secret, though
 * secret args go into it: it reveals nothing of them, and a secret digest
 * would hide the reason for a rebuild from every preview.
 */
export function buildDigests(appName: string, build: ImageBuildModel): pulumi.Output<BuildDigests> {
    const context = contextDigest(build.contextDir).digest;
    const dockerfile = fileDigest(dockerfilePath(build.contextDir, build.dockerfile));
    const args = pulumi
        .output(splitSecrets(build.args))
        .apply(async ({ plain, secret }) => combineDigests([JSON.stringify(plain), await secretDigest(`build-args:${appName}`, secret)]));
    return pulumi.unsecret(args.apply((argsDigest): BuildDigests => ({ context, dockerfile, args: argsDigest })));
}

/**
 * A digest of everything that goes into an image and of the build block's
 * paths: its tag, so each build has a name of its own, and any change that
 * replaces the image names a new one (a replacement created before the old
 * image is deleted must not share its name: backends/kubernetes/app-image.ts).
 */
export function buildTag(build: ImageBuildModel, digests: BuildDigests): string {
    return combineDigests([digests.context, digests.dockerfile, digests.args, build.context, build.dockerfile, build.target ?? "", build.platform ?? ""]).slice(0, 16);
}

function posix(relative: string): string {
    return relative.split(path.sep).join("/");
}
