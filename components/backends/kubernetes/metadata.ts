import * as pulumi from "@pulumi/pulumi";
import { StringMap } from "../../model/maps";

/**
 * Annotations berth puts on every Kubernetes object it creates: how long the
 * provider waits for it to become ready (its own default is 10 minutes), or
 * that it does not wait at all.
 */
export function objectAnnotations(skipAwait: boolean, awaitSeconds?: number): StringMap | undefined {
    // Without a kubelet (a bare API server) or with readiness gated elsewhere,
    // the provider's waits would never finish; users opt out per stack or component.
    if (skipAwait) {
        return { "pulumi.com/skipAwait": "true" };
    }
    return awaitSeconds === undefined ? undefined : { "pulumi.com/timeoutSeconds": String(awaitSeconds) };
}

/** Standard metadata of a namespaced object. */
export function objectMetadata(name: pulumi.Input<string>, namespace: pulumi.Input<string>, labels: StringMap, skipAwait: boolean, awaitSeconds?: number) {
    return { name, namespace, labels, annotations: objectAnnotations(skipAwait, awaitSeconds) };
}
