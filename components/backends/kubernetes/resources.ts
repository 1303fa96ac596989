import * as k8s from "@pulumi/kubernetes";
import { ResourceAmounts, ResourcesModel } from "../../model/app";

/** The container's requests and limits, leaving out what the app does not set (undefined when it sets neither). */
export function resourceRequirements(resources: ResourcesModel): k8s.types.input.core.v1.ResourceRequirements | undefined {
    const requests = amounts(resources.requests);
    const limits = amounts(resources.limits);
    return requests || limits ? { requests, limits } : undefined;
}

function amounts(given: ResourceAmounts): Record<string, string> | undefined {
    if (!given.cpu && !given.memory) {
        return undefined;
    }
    return { ...(given.cpu ? { cpu: given.cpu } : {}), ...(given.memory ? { memory: given.memory } : {}) };
}
