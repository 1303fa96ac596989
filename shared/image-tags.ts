/*
 * Whether an image reference is pinned. berth's prod tier refuses an image
 * not pinned by digest when an app is declared (staging warns); the policy
 * pack refuses a mutable tag in every workload of a stack.
 */

/** A reference pinned by digest: `name@sha256:<64 hex digits>`, with or without a tag before the `@`. */
const digestPinned = /@sha256:[0-9a-f]{64}$/;

/** The problem with an image reference that is not pinned by digest, with how to find the digest; undefined when pinned. */
export function unpinnedImageProblem(image: string): string | undefined {
    if (digestPinned.test(image)) {
        return undefined;
    }
    const name = image.replace(/@.*$/, "");
    return `"${image}" must be pinned by digest, as ${name}@sha256:<digest> (a registry can move a tag; \`docker buildx imagetools inspect ${name}\` prints the digest)`;
}

/** The problem with an image reference that is not immutable (no tag, or latest); undefined for a digest or another tag. */
export function mutableImageProblem(image: string): string | undefined {
    if (image.includes("@sha256:")) {
        return undefined;
    }
    const lastSegment = image.slice(image.lastIndexOf("/") + 1);
    const colon = lastSegment.indexOf(":");
    if (colon < 0) {
        return `"${image}" has no tag, which means latest; pin a version tag or a digest`;
    }
    if (lastSegment.slice(colon + 1) === "latest") {
        return `"${image}" uses the mutable tag latest; pin a version tag or a digest`;
    }
    return undefined;
}
