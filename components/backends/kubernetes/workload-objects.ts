import * as pulumi from "@pulumi/pulumi";
import { WorkloadModel } from "../../model/workload";
import { appLabels } from "../labels";
import { objectMetadata } from "./metadata";

/** An app's or job's objects: each in its namespace under the workload's labels, a child of its component, its name recorded. */
export class WorkloadObjects {
    private readonly names: pulumi.Input<string>[] = [];

    constructor(
        private readonly workload: Pick<WorkloadModel, "labels" | "name" | "network" | "skipAwait">,
        private readonly parent: pulumi.Resource,
        /** How long the provider waits for each object (an app's rollout); undefined: the provider's own wait, or the resource's customTimeouts. */
        private readonly awaitSeconds?: number,
    ) {}

    get options(): pulumi.CustomResourceOptions {
        return { parent: this.parent };
    }

    /** Options of the workload object itself: it waits for the resources of the workload's dependencies. */
    after(dependencies: pulumi.Resource[]): pulumi.CustomResourceOptions {
        return dependencies.length > 0 ? { parent: this.parent, dependsOn: dependencies } : this.options;
    }

    metadata(kind: string, name: pulumi.Input<string>) {
        this.names.push(typeof name === "string" ? `${kind}/${name}` : pulumi.interpolate`${kind}/${name}`);
        return objectMetadata(name, this.workload.network.ref, appLabels(this.workload), this.workload.skipAwait, this.awaitSeconds);
    }

    /** `Kind/name` of every object created, sorted (an Output once a name is one, such as a Job's). */
    sortedNames(): pulumi.Input<string[]> {
        const names = this.names;
        return names.every((name): name is string => typeof name === "string") ? [...names].sort() : pulumi.all(names).apply((all) => [...all].sort());
    }
}
