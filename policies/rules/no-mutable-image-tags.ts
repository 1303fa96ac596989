import { ResourceValidationPolicy } from "@pulumi/policy";
import { dockerTypes } from "../../shared/type-tokens";
import { mutableImageProblem } from "../../shared/image-tags";
import { field } from "../known-values";
import { prodOnly } from "../tier";
import { podContainers } from "../workloads";

/**
 * In prod, every image is pinned: a version tag or a digest, never `latest`
 * or no tag (which means latest). The same rule berth's prod tier applies
 * when an app is declared, here for every workload in the stack.
 */
export const noMutableImageTags: ResourceValidationPolicy = prodOnly({
    name: "berth-no-mutable-image-tags",
    description: "In prod, images are pinned to a version tag or a digest: never latest, never without a tag.",
    validateResource: (args, reportViolation) => {
        const images: { where: string; image: unknown }[] = podContainers(args.type, args.props).map((c) => ({ where: c.label, image: field(c.spec, "image") }));
        if (args.type === dockerTypes.container) {
            images.push({ where: "container", image: field(args.props, "image") });
        }
        if (args.type === dockerTypes.remoteImage) {
            images.push({ where: "image", image: field(args.props, "name") });
        }
        for (const { where, image } of images) {
            const problem = typeof image === "string" ? mutableImageProblem(image) : undefined;
            if (problem) {
                reportViolation(`${where}: ${problem}`);
            }
        }
    },
});
