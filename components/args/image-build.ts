import * as fs from "fs";
import { z } from "zod";
import { argDefaults } from "./defaults";
import * as field from "./fields";
import { envNamePattern } from "./names";
import { contextDirectory, dockerfilePath } from "../model/image-build";
import { Findings, rulesFor } from "../validation/rules";

/*
 * An image built from source (`build`), checked before anything registers:
 * the context is a directory, the Dockerfile a file, the target one of its
 * stages. Paths are read from the project directory (the program's working
 * directory, where Pulumi.yaml is), as the Docker provider reads them.
 */

/** Stage names of a Dockerfile (`FROM <image> AS <stage>`), lower-cased as Docker compares them. */
export function dockerfileStages(dockerfile: string): string[] {
    const stages: string[] = [];
    for (const line of dockerfile.split(/\r?\n/)) {
        const from = /^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)\s*$/i.exec(line);
        if (from) {
            stages.push(from[1].toLowerCase());
        }
    }
    return stages;
}

const platform = z
    .string({ error: () => "must be a string" })
    .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'must be a platform such as "linux/amd64" or "linux/arm64/v8"');

export const imageBuildSchema = z
    .strictObject({
        // A field rule, so a missing context is reported even when another field of the build is malformed.
        context: z
            .string({ error: () => "must be a string (a directory)" })
            .min(1, "must name a directory")
            .superRefine((context, ctx) => {
                if (!isDirectory(contextDirectory(context))) {
                    ctx.addIssue({ code: "custom", message: `${JSON.stringify(context)} is not a directory (looked for ${contextDirectory(context)}; a relative path is read from the project directory)` });
                }
            }),
        dockerfile: z.string({ error: () => "must be a string (a path)" }).min(1, "must name a file").default(argDefaults.build.dockerfile),
        target: z
            .string({ error: () => "must be a string" })
            .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, "must be a build stage name (letters, digits, '_', '.', '-')")
            .optional(),
        args: z.record(z.string().regex(envNamePattern, "must be a build arg name (letters, digits, '_')"), field.inputString).default(argDefaults.build.args),
        platform: platform.optional(),
    })
    .superRefine((build, ctx) => {
        const context = contextDirectory(build.context);
        if (!isDirectory(context)) {
            return; // reported with the context
        }
        const dockerfile = dockerfilePath(context, build.dockerfile);
        if (!isFile(dockerfile)) {
            field.problem(ctx, ["dockerfile"], `${JSON.stringify(build.dockerfile)} is not a file (looked for ${dockerfile}; a relative path is read from the context)`);
            return;
        }
        if (build.target !== undefined) {
            const stages = dockerfileStages(fs.readFileSync(dockerfile, "utf8"));
            if (!stages.includes(build.target.toLowerCase())) {
                field.problem(ctx, ["target"], `"${build.target}" is not a stage of ${build.dockerfile} (${stages.length > 0 ? `its stages: ${stages.join(", ")}` : "it names no stage: FROM <image> AS <stage>"})`);
            }
        }
    });

export type ImageBuildSpec = z.output<typeof imageBuildSchema>;

/** Where a container's image comes from, as its args give it. */
interface ImageSource {
    image?: unknown;
    build?: unknown;
}

/** A container's image is pulled or built: one of the two, never both; `at` is the container's path (none for the workload's own). */
export function checkImageSource(container: ImageSource, at: PropertyKey[], findings: Findings): void {
    if (container.image === undefined && container.build === undefined) {
        findings.problem("is required, unless build is set (a context to build the image from)", [...at, "image"]);
    } else if (container.image !== undefined && container.build !== undefined) {
        findings.problem("cannot be set together with image: set exactly one of the two", [...at, "build"]);
    }
}

/** The image of an app's or a job's own container is pulled or built. */
export const imageOrBuild = rulesFor<ImageSource>()(["image", "build"], (workload, _context, findings) => checkImageSource(workload, [], findings));

function isDirectory(file: string): boolean {
    return statOf(file)?.isDirectory() ?? false;
}

function isFile(file: string): boolean {
    return statOf(file)?.isFile() ?? false;
}

/** What is at a path, if anything can be: a path through a file (ENOTDIR) or an unreadable one is nothing. */
function statOf(file: string): fs.Stats | undefined {
    try {
        return fs.statSync(file);
    } catch {
        return undefined;
    }
}
