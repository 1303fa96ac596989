import { kubernetesTypes } from "../../../shared/type-tokens";
import { configHashAnnotation } from "../../../shared/annotations";
import { ConfigChanges } from "./config-changes";
import { Explanation, becauseOf, dataLoss, fieldsText, genericExplanation, notable, plain } from "./wording";
import { FieldChange } from "../read/field-changes";
import { code } from "../markdown-text";
import { anySegment, isPath, startsWithPath, valueAt } from "../read/property-paths";
import { ResourceStep } from "../read/resource-steps";
import { printableValue } from "./safe-values";

/*
 * Plain words for the Kubernetes objects berth creates
 * (components/backends/kubernetes): what each change does to the running
 * system. berth names every object itself, so a replacement deletes the old
 * object before it creates the new one.
 */

type Explainer = (step: ResourceStep, configChanges: ConfigChanges) => Explanation;

const explainers: Record<string, Explainer> = {
    [kubernetesTypes.deployment]: deployment,
    [kubernetesTypes.statefulSet]: statefulSet,
    [kubernetesTypes.job]: job,
    [kubernetesTypes.configMap]: (step) => configObject(step, "ConfigMap", ["data", "binaryData"], "kubernetes:enableConfigMapMutable"),
    [kubernetesTypes.secret]: (step) => configObject(step, "Secret", ["data", "stringData"], "kubernetes:enableSecretMutable"),
    [kubernetesTypes.persistentVolumeClaim]: persistentVolumeClaim,
    [kubernetesTypes.namespace]: namespace,
    [kubernetesTypes.service]: service,
    [kubernetesTypes.ingress]: ingress,
    [kubernetesTypes.networkPolicy]: networkPolicy,
    [kubernetesTypes.horizontalPodAutoscaler]: autoscaler,
};

/** The explanation for a Kubernetes object berth knows; undefined for other types. */
export function explainKubernetes(step: ResourceStep, configChanges: ConfigChanges): Explanation | undefined {
    const explainer = explainers[step.urn.type];
    return explainer ? explainer(step, configChanges) : undefined;
}

const hashAnnotation = ["spec", "template", "metadata", "annotations", configHashAnnotation];
const containerImage = ["spec", "template", "spec", "containers", anySegment, "image"];
const initContainerImage = ["spec", "template", "spec", "initContainers", anySegment, "image"];
const podTemplate = ["spec", "template"];
const replicas = ["spec", "replicas"];

function deployment(step: ResourceStep, configChanges: ConfigChanges): Explanation {
    switch (step.kind) {
        case "create":
            return plain(withDetails("created", [replicaCount(step), imageNamed(step)]));
        case "delete":
            return notable("**DELETED**, the app stops serving");
        case "replace":
            return notable(`**replaced**${becauseOf(step)}: the old Deployment is deleted before the new one is created, so the app is down until new pods are ready`);
        case "update":
            break;
    }
    const parts: string[] = [];
    let lead: string | undefined;

    const hash = step.fields.filter((f) => isPath(f.segments, hashAnnotation));
    const images = step.fields.filter((f) => isPath(f.segments, containerImage) || isPath(f.segments, initContainerImage));
    const template = step.fields.filter((f) => startsWithPath(f.segments, podTemplate) && !hash.includes(f) && !images.includes(f));
    const replicaFields = step.fields.filter((f) => isPath(f.segments, replicas));
    const rest = step.fields.filter((f) => !hash.includes(f) && !images.includes(f) && !template.includes(f) && !replicaFields.includes(f));

    if (images.length > 0) {
        lead = "rolling update";
        parts.push(...images.map((field) => imageChange(step, field)));
    }
    if (hash.length > 0) {
        lead = lead ?? "rolling restart";
        parts.push(configChanges.describeFor(step.newInputs) ?? "config hash changed (a config or secret env it uses changed)");
    }
    if (template.length > 0) {
        lead = lead ?? "rolling restart";
        parts.push(`pod template changed: ${fieldsText(template)}`);
    }
    for (const field of replicaFields) {
        parts.push(replicaChange(step, field));
    }
    if (rest.length > 0) {
        parts.push(`updated in place: ${fieldsText(rest)}`);
    }
    return plain([lead, ...parts].filter((part) => part !== undefined).join(", ") || "updated in place");
}

/** An app that keeps data: its pods update like a Deployment's, one at a time; its claims outlive it. */
function statefulSet(step: ResourceStep, configChanges: ConfigChanges): Explanation {
    switch (step.kind) {
        case "delete":
            return notable("**DELETED**, the app stops serving; its volume claims are kept (delete them to drop the data)");
        case "replace":
            return notable(`**replaced**${becauseOf(step)}: the old StatefulSet is deleted before the new one is created, so the app is down until new pods are ready; its volume claims, and so the data, are kept`);
        default:
            return deployment(step, configChanges);
    }
}

/** A run to completion: berth names a Job after its spec, so a change is a new Job that runs. */
function job(step: ResourceStep, configChanges: ConfigChanges): Explanation {
    const image = imageNamed(step);
    switch (step.kind) {
        case "create":
            return plain(withDetails("created, runs to completion", [image]));
        case "replace": {
            const why = configChanges.describeFor(step.newInputs);
            // The name carries the hash of the spec: a new image (a rebuilt one's digest among them) is a new Job.
            const images = step.fields.filter((f) => isPath(f.segments, containerImage) || isPath(f.segments, initContainerImage)).map((field) => imageChange(step, field));
            return notable(withDetails(`**runs again**${becauseOf(step)}: a new Job replaces the finished one`, [why, ...images]));
        }
        case "delete":
            return plain("finished Job removed");
        case "update":
            return genericExplanation(step);
    }
}

function imageChange(step: ResourceStep, field: FieldChange): string {
    const before = printableValue(step.urn.type, step.oldInputs, field.segments);
    const after = printableValue(step.urn.type, step.newInputs, field.segments);
    if (before && after) {
        return `image ${code(before)} → ${code(after)}`;
    }
    return after ? `image ${code(after)}` : "image changed";
}

function replicaChange(step: ResourceStep, field: FieldChange): string {
    if (field.kind === "delete") {
        // berth omits spec.replicas once an AutoscalingPolicy owns the count.
        return "replica count handed to the autoscaler";
    }
    const before = printableValue(step.urn.type, step.oldInputs, field.segments);
    const after = printableValue(step.urn.type, step.newInputs, field.segments);
    if (field.kind === "add") {
        return after ? `replica count set to ${after} (no longer autoscaled)` : "replica count set (no longer autoscaled)";
    }
    return before && after ? `scaled from ${before} to ${after} replicas` : "replica count changed";
}

function replicaCount(step: ResourceStep): string | undefined {
    const count = printableValue(step.urn.type, step.newInputs, replicas);
    return count ? `${count} ${count === "1" ? "replica" : "replicas"}` : undefined;
}

function imageNamed(step: ResourceStep): string | undefined {
    const image = printableValue(step.urn.type, step.newInputs, ["spec", "template", "spec", "containers", 0, "image"]);
    return image ? `image ${code(image)}` : undefined;
}

function configObject(step: ResourceStep, kind: "ConfigMap" | "Secret", dataFields: string[], mutableSetting: string): Explanation {
    const keys = [...new Set(step.fields.filter((f) => f.segments.length >= 2 && dataFields.includes(String(f.segments[0]))).map((f) => code(String(f.segments[1]))))];
    const valuesOnly = kind === "Secret" ? " (values not shown)" : "";
    const what = keys.length > 0 ? `keys ${keys.slice(0, 4).join(", ")}${keys.length > 4 ? ` and ${keys.length - 4} more` : ""} changed${valuesOnly}` : undefined;
    switch (step.kind) {
        case "create":
        case "delete":
            return genericExplanation(step);
        case "update":
            return plain(what ? `${what}, updated in place` : genericExplanation(step).reason);
        case "replace":
            return notable(`**replaced**${what ? `, ${what}` : becauseOf(step)}: deleted and recreated under the same name (set ${code(`${mutableSetting}: "true"`)} to update it in place)`);
    }
}

function persistentVolumeClaim(step: ResourceStep): Explanation {
    if (step.kind === "delete" || step.kind === "replace") {
        return dataLoss(step, "persistent volume");
    }
    const size = ["spec", "resources", "requests", "storage"];
    if (step.kind === "create") {
        const requested = printableValue(step.urn.type, step.newInputs, size);
        return plain(requested ? `created, new persistent volume of ${requested}` : "created, new persistent volume");
    }
    const before = printableValue(step.urn.type, step.oldInputs, size);
    const after = printableValue(step.urn.type, step.newInputs, size);
    const resized = step.fields.some((f) => isPath(f.segments, size));
    return plain(resized && before && after ? `resized from ${before} to ${after}, in place` : genericExplanation(step).reason);
}

function namespace(step: ResourceStep): Explanation {
    if (step.kind === "delete" || step.kind === "replace") {
        return dataLoss(step, "namespace: Kubernetes deletes everything in it, persistent volumes included");
    }
    return genericExplanation(step);
}

function service(step: ResourceStep): Explanation {
    const type = printableValue(step.urn.type, step.newInputs, ["spec", "type"]);
    switch (step.kind) {
        case "create":
            return type === "LoadBalancer" ? notable("created, LoadBalancer: reachable from outside the cluster") : plain("created");
        case "delete":
            return notable("**DELETED**, the app is no longer reachable through it");
        case "replace":
            return notable(`**replaced**${becauseOf(step)}: clients lose their connections while it is recreated`);
        case "update": {
            const before = printableValue(step.urn.type, step.oldInputs, ["spec", "type"]);
            if (before && type && before !== type) {
                const exposure = type === "LoadBalancer" ? ": reachable from outside the cluster" : "";
                return { reason: `type ${code(before)} → ${code(type)}${exposure}`, stateful: false, attention: type === "LoadBalancer" };
            }
            return genericExplanation(step);
        }
    }
}

function ingress(step: ResourceStep): Explanation {
    const hasTls = (inputs: Record<string, unknown> | undefined) => {
        const tls = valueAt(inputs, ["spec", "tls"]);
        return Array.isArray(tls) && tls.length > 0;
    };
    const host = printableValue(step.urn.type, step.newInputs, ["spec", "rules", 0, "host"]);
    const entry = host ? `public entry for ${code(host)}` : "public entry";
    switch (step.kind) {
        case "create":
            return hasTls(step.newInputs) ? plain(`created, ${entry} with TLS`) : notable(`created, ${entry} **without TLS**`);
        case "delete":
            return notable("**DELETED**, the app is no longer reachable from outside the cluster");
        case "replace":
        case "update":
            if (hasTls(step.oldInputs) && !hasTls(step.newInputs)) {
                return notable(`**TLS removed**, ${entry} now serves plain HTTP`);
            }
            return genericExplanation(step);
    }
}

function networkPolicy(step: ResourceStep): Explanation {
    if (step.kind !== "delete") {
        return step.kind === "update" ? plain(`traffic rules changed: ${fieldsText(step.fields)}`) : genericExplanation(step);
    }
    const inputs = step.oldInputs;
    const podSelector = valueAt(inputs, ["spec", "podSelector"]);
    const types = valueAt(inputs, ["spec", "policyTypes"]);
    const selectsAll = typeof podSelector === "object" && podSelector !== null && Object.keys(podSelector).length === 0;
    const defaultDeny = selectsAll && Array.isArray(types) && types.includes("Ingress") && valueAt(inputs, ["spec", "ingress"]) === undefined;
    return notable(
        defaultDeny
            ? "**DELETED**, default-deny removed: every pod in the namespace accepts traffic from anywhere"
            : "**DELETED**, the traffic rule it enforced no longer applies",
    );
}

function autoscaler(step: ResourceStep): Explanation {
    const min = printableValue(step.urn.type, step.newInputs, ["spec", "minReplicas"]);
    const max = printableValue(step.urn.type, step.newInputs, ["spec", "maxReplicas"]);
    const range = min && max ? `scales between ${min} and ${max} replicas` : undefined;
    switch (step.kind) {
        case "create":
            return plain(range ? `created, ${range}` : "created");
        case "delete":
            return notable("**DELETED**, the app is no longer autoscaled");
        case "update":
            return plain(range ? `updated in place, now ${range}` : genericExplanation(step).reason);
        case "replace":
            return genericExplanation(step);
    }
}

function withDetails(lead: string, details: (string | undefined)[]): string {
    return [lead, ...details.filter((detail): detail is string => detail !== undefined)].join(", ");
}
