import * as docker from "@pulumi/docker";
import { StringMap } from "../../model/maps";

/** Docker labels are a list of {label, value}; sorted so the list never reorders. */
export function dockerLabels(labels: StringMap): docker.types.input.NetworkLabel[] {
    return Object.keys(labels)
        .sort()
        .map((label) => ({ label, value: labels[label] }));
}
