import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { dockerTypes, kubernetesTypes } from "../../shared/type-tokens";
import { field, fieldList, notKnown } from "../known-values";
import { isMarkedSecret, reveal } from "../secret-marker";
import { isSecretName, secretValueKind } from "../secret-patterns";
import { podContainers } from "../workloads";

/**
 * No secret in a plain env var or a ConfigMap, in any tier: anyone who may
 * read Deployments or ConfigMaps (a wider circle than Secrets) would read it,
 * and it would sit unencrypted in state. A secret is recognised by a value
 * marked secret, a secret-looking name (DB_PASSWORD, apiToken, tls.key) or a
 * secret-looking value (a private key, a URL with a password). Messages name
 * the variable or key, never the value.
 *
 * Docker has no Secret object: berth hands secrets to a container as env and
 * files, and keeps those lists Pulumi secrets in state. There a secret is
 * fine when its list is marked secret (or listed in additionalSecretOutputs).
 */
export const noPlaintextSecrets: ResourceValidationPolicy = {
    name: "berth-no-plaintext-secrets",
    description: "No secret in a plain env var or a ConfigMap: reference a Secret (berth: AppConfig secrets, or a Pulumi secret in env).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        for (const container of podContainers(args.type, args.props)) {
            for (const env of fieldList(container.spec, "env")) {
                const name = field(env, "name");
                const value = field(env, "value");
                if (typeof name !== "string" || value === undefined || value === notKnown) {
                    continue; // valueFrom: a reference, which is what a secret should be
                }
                const finding = secretFinding(name, value);
                if (finding) {
                    reportViolation(`${container.label}: env ${name} ${finding} in a plain env var: take it from a Secret (valueFrom.secretKeyRef)`);
                }
            }
        }
        if (args.type === kubernetesTypes.configMap) {
            for (const section of ["data", "binaryData"]) {
                const data = field(args.props, section);
                if (typeof data !== "object" || data === null) {
                    continue;
                }
                for (const key of Object.keys(data)) {
                    const raw = field(data, key);
                    const value = section === "binaryData" && typeof raw === "string" ? Buffer.from(raw, "base64").toString("utf8") : raw;
                    const finding = secretFinding(key, value);
                    if (finding) {
                        reportViolation(`${section} key ${key} ${finding} in a ConfigMap: move it to a Secret (berth: AppConfig secrets)`);
                    }
                }
            }
        }
        if (args.type === dockerTypes.container) {
            checkDockerContainer(args, reportViolation);
        }
    },
};

/** Why a name/value pair looks like a secret, as words for a message; undefined when it does not. */
function secretFinding(name: string, value: unknown): string | undefined {
    if (value === notKnown) {
        return undefined;
    }
    if (isMarkedSecret(value)) {
        return "holds a value marked secret";
    }
    const kind = secretValueKind(value);
    if (kind) {
        return `holds what looks like ${kind}`;
    }
    if (isSecretName(name) && typeof value === "string" && value !== "") {
        return "looks like a secret";
    }
    return undefined;
}

function checkDockerContainer(args: ResourceValidationArgs, reportViolation: (message: string) => void): void {
    const keptSecret = (property: string, value: unknown) => isMarkedSecret(value) || (args.opts?.additionalSecretOutputs ?? []).includes(property);

    const envs = field(args.props, "envs");
    if (envs !== notKnown && !keptSecret("envs", envs)) {
        const entries = reveal(envs);
        for (const entry of Array.isArray(entries) ? entries : []) {
            if (isMarkedSecret(entry) || typeof entry !== "string") {
                continue;
            }
            const equals = entry.indexOf("=");
            const name = equals < 0 ? entry : entry.slice(0, equals);
            const finding = secretFinding(name, equals < 0 ? "" : entry.slice(equals + 1));
            if (finding) {
                reportViolation(`container: env ${name} ${finding} but the env list is not a Pulumi secret: make the value a Pulumi secret`);
            }
        }
    }

    const uploads = field(args.props, "uploads");
    if (uploads !== notKnown && !keptSecret("uploads", uploads)) {
        const entries = reveal(uploads);
        for (const upload of Array.isArray(entries) ? entries : []) {
            const file = field(upload, "file");
            const content = field(upload, "content");
            if (typeof file !== "string" || isMarkedSecret(content)) {
                continue;
            }
            const kind = secretValueKind(content);
            const finding = kind ? `holds what looks like ${kind}` : isSecretName(file) && typeof content === "string" && content !== "" ? "looks like a secret file" : undefined;
            if (finding) {
                reportViolation(`container: uploaded file ${file} ${finding} but is not a Pulumi secret: make its content a Pulumi secret (berth: an AppConfig file that is a Pulumi secret)`);
            }
        }
    }
}
