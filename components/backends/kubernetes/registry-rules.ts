import type { ContainerAppSpec } from "../../args/container-app";
import type { ContainerJobSpec } from "../../args/container-job";
import { readRegistry, registryKeys } from "../../stack/registry";
import { Findings, rulesFor } from "../../validation/rules";
import { AppContext } from "../backend";

/*
 * A Kubernetes container built from source (an app's, a job's, an init
 * container's, a sidecar's) is pushed to the stack's registry, which the
 * cluster pulls from: the stack must name one, and its keys must be sound.
 * Checked with the workload's other rules, before anything registers.
 */

/** The first container of a workload that is built, as its args path (`build`, `initContainers[0].build`). */
function firstBuild(own: { build?: unknown }, lists: [string, { build?: unknown }[]][]): string | undefined {
    if (own.build !== undefined) {
        return "build";
    }
    for (const [list, helpers] of lists) {
        const index = helpers.findIndex((h) => h.build !== undefined);
        if (index >= 0) {
            return `${list}[${index}].build`;
        }
    }
    return undefined;
}

/** One finding per workload, however many of its containers are built: the registry is the stack's. */
function needARegistry(built: string | undefined, findings: Findings): void {
    if (built === undefined) {
        return;
    }
    const { registry, problems } = readRegistry();
    problems.forEach((problem) => findings.problem(problem));
    if (!registry && problems.length === 0) {
        findings.problem(`${built}: on Kubernetes the image is pushed to the stack's registry, and the stack names none: pulumi config set ${registryKeys.registry} <host[:port][/path]>`);
    }
}

export const builtImagesNeedARegistry = rulesFor<ContainerAppSpec, AppContext>()(["build", "initContainers", "sidecars"], (app, _context, findings) =>
    needARegistry(firstBuild(app, [["initContainers", app.initContainers], ["sidecars", app.sidecars]]), findings),
);

export const builtJobImagesNeedARegistry = rulesFor<ContainerJobSpec, AppContext>()(["build", "initContainers"], (job, _context, findings) =>
    needARegistry(firstBuild(job, [["initContainers", job.initContainers]]), findings),
);
