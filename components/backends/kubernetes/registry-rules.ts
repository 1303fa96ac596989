import type { ContainerAppSpec } from "../../args/container-app";
import { readRegistry, registryKeys } from "../../stack/registry";
import { rulesFor } from "../../validation/rules";
import { AppContext } from "../backend";

/*
 * A Kubernetes app built from source is pushed to the stack's registry,
 * which the cluster pulls from: the stack must name one, and its keys must
 * be sound. Checked with the app's other rules, before anything registers.
 */

const appRule = rulesFor<ContainerAppSpec, AppContext>();

export const builtImagesNeedARegistry = appRule(["build"], (app, _context, findings) => {
    if (app.build === undefined) {
        return;
    }
    const { registry, problems } = readRegistry();
    problems.forEach((problem) => findings.problem(problem));
    if (!registry && problems.length === 0) {
        findings.problem(
            `build: on Kubernetes the image is pushed to the stack's registry, and the stack names none: pulumi config set ${registryKeys.registry} <host[:port][/path]>`,
        );
    }
});
