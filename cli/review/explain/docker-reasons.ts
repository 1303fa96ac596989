import { dockerTypes } from "../../../shared/type-tokens";
import { Explanation, becauseOf, dataLoss, genericExplanation, notable, plain, replacingFields } from "./wording";
import { code, listText } from "../markdown-text";
import { ResourceStep } from "../read/resource-steps";
import { printableValue } from "./safe-values";
import { valueAt } from "../read/property-paths";

/*
 * Plain words for the Docker resources berth creates
 * (components/backends/docker): one container per replica, a named volume per
 * persistent volume, a bridge network, and the image resolved to its id.
 */

type Explainer = (step: ResourceStep) => Explanation;

const explainers: Record<string, Explainer> = {
    [dockerTypes.container]: container,
    [dockerTypes.volume]: (step) => (step.kind === "delete" || step.kind === "replace" ? dataLoss(step, "persistent volume") : genericExplanation(step)),
    [dockerTypes.network]: network,
    [dockerTypes.remoteImage]: image,
};

/** The explanation for a Docker resource berth knows; undefined for other types. */
export function explainDocker(step: ResourceStep): Explanation | undefined {
    const explainer = explainers[step.urn.type];
    return explainer ? explainer(step) : undefined;
}

/** What a container's top-level inputs mean to a reader (berth sets these; see the Docker backend). */
const containerFieldWords: Record<string, string> = {
    envs: "env",
    uploads: "config files",
    image: "the image",
    volumes: "volumes",
    tmpfs: "scratch volumes",
    ports: "published ports",
    healthcheck: "the health check",
    networksAdvanced: "the network",
    memory: "memory limits",
    memoryReservation: "memory requests",
    cpus: "CPU limits",
    cpuShares: "CPU requests",
    user: "the user",
    command: "the command",
    entrypoints: "the entrypoint",
    labels: "labels",
};

function container(step: ResourceStep): Explanation {
    // A job's or an init container's run: `up` waits for it to exit (berth's Docker backend, run-outcome.ts).
    const runs = valueAt(step.newInputs ?? step.oldInputs, ["attach"]) === true;
    if (runs && step.kind === "create") {
        return plain("created, runs to completion");
    }
    if (runs && step.kind === "replace") {
        const words = [...new Set(replacingFields(step).map((field) => String(field.segments[0])))].map((key) => containerFieldWords[key] ?? code(key));
        return notable(`**runs again**: ${words.length > 0 ? listText(words) : "its settings"} changed`);
    }
    if (step.kind !== "replace") {
        return genericExplanation(step);
    }
    // Docker cannot change env, files or most settings of a running container: it removes and recreates it.
    const words = [...new Set(replacingFields(step).map((field) => String(field.segments[0])))].map((key) => containerFieldWords[key] ?? code(key));
    const what = words.length > 0 ? listText(words) : "its settings";
    return notable(`replaced, the Docker target recreates containers when ${what} ${words.length > 1 ? "change" : "changes"} (brief downtime)`);
}

function network(step: ResourceStep): Explanation {
    if (step.kind === "replace") {
        return notable(`**replaced**${becauseOf(step)}: its containers lose connectivity until they are recreated on the new network`);
    }
    return genericExplanation(step);
}

function image(step: ResourceStep): Explanation {
    const name = printableValue(step.urn.type, step.newInputs, ["name"]);
    switch (step.kind) {
        case "create":
            return plain(name ? `image ${code(name)} pulled` : "image pulled");
        case "update":
        case "replace":
            return plain(name ? `image reference now ${code(name)}` : "image reference changed");
        case "delete":
            return plain("image no longer used by the stack");
    }
}
