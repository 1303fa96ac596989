import * as pulumi from "@pulumi/pulumi";
import { StringMap } from "../../model/maps";

/** Annotations berth puts on every Kubernetes object it creates. */
export function objectAnnotations(skipAwait: boolean): StringMap | undefined {
    // Without a kubelet (a bare API server) or with readiness gated elsewhere,
    // the provider's waits would never finish; users opt out per stack or component.
    return skipAwait ? { "pulumi.com/skipAwait": "true" } : undefined;
}

/** Standard metadata of a namespaced object. */
export function objectMetadata(name: pulumi.Input<string>, namespace: pulumi.Input<string>, labels: StringMap, skipAwait: boolean) {
    return { name, namespace, labels, annotations: objectAnnotations(skipAwait) };
}
