import * as pulumi from "@pulumi/pulumi";
import { RenderedWorkload } from "../backends/backend";
import { dependencyReadiness, Enlisted, Enlistment, enlist, Readiness } from "./workload-roster";

/*
 * When an app or a job registers its children: after the pass over every
 * workload of the program has found no problem (workload-roster.ts), and
 * after its dependencies rendered. Its resources then wait for theirs, and it
 * registers nothing when a dependency's run failed (that failure fails the
 * program, which then deletes nothing).
 */

/** Enlists a workload and renders it when the checks and its dependencies allow; `skipped` is what it reports when it does not render. */
export function renderWhenReady<R extends RenderedWorkload>(
    component: pulumi.Resource,
    workload: Enlisted,
    render: (dependencies: Readiness[]) => Promise<R>,
    skipped: R,
): Promise<R> {
    const enlistment: Enlistment = enlist(workload);
    const rendering = (async () => {
        const verdict = await enlistment.verdict;
        for (const warning of verdict.warnings) {
            pulumi.log.warn(`${workload.componentType} "${workload.name}": ${warning}`, component);
        }
        if (!verdict.ok) {
            return skipped;
        }
        const dependencies = await dependencyReadiness(workload);
        const succeeded = await Promise.all(dependencies.map((d) => d.succeeded));
        return succeeded.every((ok) => ok) ? render(dependencies) : skipped;
    })();
    enlistment.rendered(rendering.then((r) => r.readiness));
    return rendering;
}

/** What a workload that did not render reports: nothing created, nothing for dependants to wait for (they do not render either). */
export function notRendered(): RenderedWorkload {
    return { resourceNames: [], readiness: { resources: [], succeeded: Promise.resolve(false) } };
}
