/*
 * Whether an image reference is pinned. berth's prod tier refuses a mutable
 * image when an app is declared; the policy pack applies the same rule to
 * every workload in a stack.
 */

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
