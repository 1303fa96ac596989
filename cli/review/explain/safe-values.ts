import { dockerTypes, kubernetesTypes } from "../../../shared/type-tokens";
import { PathSegment, anySegment, isPath, valueAt } from "../read/property-paths";

/**
 * The few state values berth review may print. A preview's states hold
 * everything a resource has, secrets included (blinded as "[secret]" by the
 * engine, but nothing guarantees a secret was marked). So values are printed
 * only from an allow-list of fields that hold no secret by construction
 * (image references, replica counts, Service types, ingress hosts, sizes);
 * every other field is named by its path and said to have changed.
 */
const printableFields: Record<string, PathSegment[][]> = {
    [kubernetesTypes.deployment]: [
        ["spec", "replicas"],
        ["spec", "template", "spec", "containers", anySegment, "image"],
        ["spec", "template", "spec", "initContainers", anySegment, "image"],
    ],
    [kubernetesTypes.statefulSet]: [
        ["spec", "replicas"],
        ["spec", "template", "spec", "containers", anySegment, "image"],
        ["spec", "template", "spec", "initContainers", anySegment, "image"],
    ],
    [kubernetesTypes.job]: [
        ["spec", "template", "spec", "containers", anySegment, "image"],
        ["spec", "template", "spec", "initContainers", anySegment, "image"],
    ],
    [kubernetesTypes.horizontalPodAutoscaler]: [
        ["spec", "minReplicas"],
        ["spec", "maxReplicas"],
    ],
    [kubernetesTypes.service]: [["spec", "type"]],
    [kubernetesTypes.persistentVolumeClaim]: [["spec", "resources", "requests", "storage"]],
    [kubernetesTypes.ingress]: [["spec", "rules", anySegment, "host"]],
    [dockerTypes.remoteImage]: [["name"], ["build", "context"]],
    [dockerTypes.registryImage]: [["name"]],
};

/** What the engine writes for a secret, and the sentinel for a value not known until apply. */
const blinded = new Set(["[secret]", "04da6b54-80e4-46f7-96ec-b56ff0331ba9"]);

/**
 * The value at `segments` in a resource's inputs, as text, when the field is
 * on the allow-list and the value is a plain, known scalar; otherwise undefined.
 */
export function printableValue(type: string, inputs: Record<string, unknown> | undefined, segments: PathSegment[]): string | undefined {
    const allowed = printableFields[type] ?? [];
    if (!allowed.some((pattern) => isPath(segments, pattern))) {
        return undefined;
    }
    const value = valueAt(inputs, segments);
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    // Short, single-line strings only: an allow-listed field holding something else is not what it should be.
    if (typeof value === "string" && !blinded.has(value) && value.length <= 200 && !/\s/.test(value)) {
        return value;
    }
    return undefined;
}
