import { berthComponentClass, providerTypePrefix } from "../../../shared/type-tokens";
import { ConfigChanges } from "./config-changes";
import { Explanation, becauseOf, fieldsText, genericExplanation, notable, plain } from "./wording";
import { code, listText } from "../markdown-text";
import { explainDocker } from "./docker-reasons";
import { explainKubernetes } from "./kubernetes-reasons";
import { ResourceStep } from "../read/resource-steps";

/** What the other changes of the same stack tell about one change. */
export interface ExplainContext {
    configChanges: ConfigChanges;
    /** Resources the preview replaces: URN to name. */
    replaced: Map<string, string>;
}

/**
 * The one-line reason for a resource change: berth's own components, the
 * providers, the Kubernetes and Docker objects berth creates, and for any
 * other type the op and the changed field paths.
 */
export function explain(step: ResourceStep, context: ExplainContext): Explanation {
    const explanation = explainByType(step, context);
    // The engine replaces a resource whose dependency is deleted before it is replaced, giving no field as reason.
    const forcedBy = step.kind === "replace" && step.fields.length === 0 ? step.dependencies.filter((urn) => urn !== step.urnText && context.replaced.has(urn)) : [];
    if (forcedBy.length > 0) {
        const names = forcedBy.map((urn) => code(context.replaced.get(urn)!));
        return { ...explanation, reason: `${explanation.reason}; forced by the replacement of ${listText(names, 3)}, which it depends on` };
    }
    return explanation;
}

function explainByType(step: ResourceStep, context: ExplainContext): Explanation {
    const type = step.urn.type;
    const componentClass = berthComponentClass(type);
    if (componentClass !== undefined) {
        return componentExplanation(step, componentClass);
    }
    if (type.startsWith(providerTypePrefix)) {
        return providerExplanation(step);
    }
    return explainKubernetes(step, context.configChanges) ?? explainDocker(step) ?? genericExplanation(step);
}

function componentExplanation(step: ResourceStep, componentClass: string): Explanation {
    switch (step.kind) {
        case "create":
            return plain(`new ${componentClass}`);
        case "delete":
            return notable(`${componentClass} removed, with everything it created`);
        default:
            return genericExplanation(step);
    }
}

function providerExplanation(step: ResourceStep): Explanation {
    switch (step.kind) {
        case "replace":
            // A provider replacement replaces what it manages when the target (cluster, engine) changed.
            return notable(`**replaced**${becauseOf(step)}: the resources it manages may be replaced too`);
        case "update":
            return plain(step.fields.length > 0 ? `settings changed: ${fieldsText(step.fields)}` : "settings changed");
        default:
            return genericExplanation(step);
    }
}
