import { kubernetesTypes } from "../../../shared/type-tokens";
import { ComponentRef } from "./owning-component";
import { code, listText } from "../markdown-text";
import { valueAt } from "../read/property-paths";
import { ResourceStep } from "../read/resource-steps";

/** A ConfigMap or Secret the preview creates or changes, by the keys it changes (never their values). */
interface ConfigObjectChange {
    objectKind: "ConfigMap" | "Secret";
    name: string;
    namespace?: string;
    owner?: ComponentRef;
    created: boolean;
    /** Changed data keys; empty when the provider only said the data as a whole changed. */
    keys: string[];
}

/**
 * The config objects a stack's preview changes, so a Deployment whose
 * config-hash annotation changed can say which config rolled it: berth's
 * annotation is a hash (it must not be printed, and says nothing by itself),
 * but the ConfigMap and Secret diffs in the same preview name the keys.
 */
export class ConfigChanges {
    private readonly byName = new Map<string, ConfigObjectChange[]>();

    /** Records a step when it creates or changes a ConfigMap or Secret. */
    add(step: ResourceStep, owner: ComponentRef | undefined): void {
        const objectKind = step.urn.type === kubernetesTypes.configMap ? "ConfigMap" : step.urn.type === kubernetesTypes.secret ? "Secret" : undefined;
        if (objectKind === undefined || step.kind === "delete") {
            return;
        }
        const inputs = step.newInputs ?? step.oldInputs;
        const name = stringAt(inputs, ["metadata", "name"]) ?? step.urn.name;
        const dataFields = objectKind === "ConfigMap" ? ["data", "binaryData"] : ["data", "stringData"];
        const keys = step.fields
            .filter((field) => field.segments.length >= 2 && dataFields.includes(String(field.segments[0])))
            .map((field) => String(field.segments[1]));
        const change: ConfigObjectChange = {
            objectKind,
            name,
            namespace: stringAt(inputs, ["metadata", "namespace"]),
            owner,
            created: step.kind === "create",
            keys: [...new Set(keys)],
        };
        this.byName.set(name, [...(this.byName.get(name) ?? []), change]);
    }

    /**
     * Plain words for the config changes a Deployment picks up, e.g.
     * "config `app.yaml` changed (AppConfig `web-config`)"; undefined when
     * none of the objects it references changed in this preview. Only the keys
     * the Deployment uses count, when it names them (volume items, key refs).
     */
    describeFor(deploymentInputs: Record<string, unknown> | undefined): string | undefined {
        const namespace = stringAt(deploymentInputs, ["metadata", "namespace"]);
        const found: ConfigObjectChange[] = [];
        for (const [reference, usedKeys] of configReferences(deploymentInputs)) {
            const [objectKind, name] = reference.split("/");
            for (const change of this.byName.get(name) ?? []) {
                // An unknown namespace (created in this same preview) cannot rule a match out.
                const sameNamespace = namespace === undefined || change.namespace === undefined || change.namespace === namespace;
                if (change.objectKind !== objectKind || !sameNamespace) {
                    continue;
                }
                const keys = usedKeys === "all" ? change.keys : change.keys.filter((key) => usedKeys.has(key));
                if (change.created || change.keys.length === 0 || keys.length > 0) {
                    found.push({ ...change, keys });
                }
            }
        }
        return found.length > 0 ? describe(found) : undefined;
    }
}

/** Groups changes by the component owning them: "config `a` and secret `B` changed (AppConfig `x`)". */
function describe(changes: ConfigObjectChange[]): string {
    const parts: string[] = [];
    const byOwner = new Map<string, ConfigObjectChange[]>();
    for (const change of changes) {
        if (change.created) {
            parts.push(`${change.objectKind === "Secret" ? "secret" : "config"} ${code(change.name)} added`);
            continue;
        }
        const key = change.owner ? `${change.owner.type}/${change.owner.name}` : `${change.objectKind}/${change.name}`;
        byOwner.set(key, [...(byOwner.get(key) ?? []), change]);
    }
    for (const group of byOwner.values()) {
        const owner = group[0].owner;
        if (owner?.type === "ContainerApp") {
            // The app's own Secret: its secret env values.
            const keys = group.flatMap((change) => change.keys).map(code);
            parts.push(keys.length > 0 ? `secret env ${listText(keys, 4)} changed` : "secret env changed");
            continue;
        }
        const nouns = group.map((change) => {
            const noun = change.objectKind === "Secret" ? "secret" : "config";
            // Keys joined by commas, so the "and" is left to join the nouns.
            const keys = change.keys.slice(0, 4).map(code).join(", ") + (change.keys.length > 4 ? ` (+${change.keys.length - 4} more)` : "");
            return change.keys.length > 0 ? `${noun} ${keys}` : noun;
        });
        const where = owner ? `${owner.type} ${code(owner.name)}` : `${group[0].objectKind} ${code(group[0].name)}`;
        parts.push(`${listText(nouns)} changed (${where})`);
    }
    return parts.join(", ");
}

/**
 * The ConfigMaps and Secrets a pod template uses ("ConfigMap/name" or
 * "Secret/name"), each with the keys it uses, or "all" when it takes the
 * whole object (a volume without items, envFrom).
 */
function configReferences(deploymentInputs: Record<string, unknown> | undefined): Map<string, Set<string> | "all"> {
    const references = new Map<string, Set<string> | "all">();
    const use = (objectKind: string, name: unknown, keys: unknown[] | "all") => {
        if (typeof name !== "string") {
            return;
        }
        const reference = `${objectKind}/${name}`;
        const known = references.get(reference);
        if (known === "all" || keys === "all") {
            references.set(reference, "all");
            return;
        }
        const set = known ?? new Set<string>();
        keys.filter((key): key is string => typeof key === "string").forEach((key) => set.add(key));
        references.set(reference, set);
    };
    const itemKeys = (source: unknown): unknown[] | "all" => {
        const items = list(valueAt(source, ["items"]));
        return items.length > 0 ? items.map((item) => valueAt(item, ["key"])) : "all";
    };
    const pod = valueAt(deploymentInputs, ["spec", "template", "spec"]);
    for (const volume of list(valueAt(pod, ["volumes"]))) {
        use("ConfigMap", valueAt(volume, ["configMap", "name"]), itemKeys(valueAt(volume, ["configMap"])));
        use("Secret", valueAt(volume, ["secret", "secretName"]), itemKeys(valueAt(volume, ["secret"])));
        for (const source of list(valueAt(volume, ["projected", "sources"]))) {
            use("ConfigMap", valueAt(source, ["configMap", "name"]), itemKeys(valueAt(source, ["configMap"])));
            use("Secret", valueAt(source, ["secret", "name"]), itemKeys(valueAt(source, ["secret"])));
        }
    }
    for (const container of [...list(valueAt(pod, ["containers"])), ...list(valueAt(pod, ["initContainers"]))]) {
        for (const env of list(valueAt(container, ["env"]))) {
            use("ConfigMap", valueAt(env, ["valueFrom", "configMapKeyRef", "name"]), [valueAt(env, ["valueFrom", "configMapKeyRef", "key"])]);
            use("Secret", valueAt(env, ["valueFrom", "secretKeyRef", "name"]), [valueAt(env, ["valueFrom", "secretKeyRef", "key"])]);
        }
        for (const from of list(valueAt(container, ["envFrom"]))) {
            use("ConfigMap", valueAt(from, ["configMapRef", "name"]), "all");
            use("Secret", valueAt(from, ["secretRef", "name"]), "all");
        }
    }
    return references;
}

function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

function stringAt(inputs: unknown, path: string[]): string | undefined {
    const value = valueAt(inputs, path);
    return typeof value === "string" ? value : undefined;
}
