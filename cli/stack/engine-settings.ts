import { isSecretMarker } from "../../shared/secret-marker";
import { providerTypePrefix } from "../../shared/type-tokens";
import { ExportedState } from "./exported-state";

/*
 * Which engine a provider resource of the stack talks to: the settings of its
 * Pulumi provider, as the state recorded them (`docker:host`;
 * `kubernetes:kubeconfig`, `kubernetes:context`; or those of an explicit
 * provider), so berth reads the engine the stack deployed to. Flags given to
 * berth override them; unset, the same defaults as the providers' apply
 * (DOCKER_HOST or the default socket; KUBECONFIG or ~/.kube/config and its
 * current context).
 */

/** The Docker engine a stack's containers live on. */
export interface DockerSettings {
    target: "docker";
    /** `unix:///var/run/docker.sock`, `tcp://host:2376`, ... */
    host: string;
    /** The provider's certPath: ca.pem, cert.pem and key.pem for TLS. */
    certPath?: string;
}

/** The Kubernetes cluster a stack's objects live in. */
export interface KubernetesSettings {
    target: "kubernetes";
    /** A kubeconfig path or the kubeconfig itself (as `kubernetes:kubeconfig` may hold either); undefined: the default. */
    kubeconfig?: string;
    /** A context of the kubeconfig; undefined: its current context. */
    context?: string;
}

export type EngineSettings = DockerSettings | KubernetesSettings;

/** What the user passed on the command line, which wins over the state's settings. */
export interface EngineOverrides {
    dockerHost?: string;
    kubeconfig?: string;
    context?: string;
}

/** A provider setting berth cannot use: a secret (the state holds it encrypted). */
export class SecretSettingError extends Error {}

/** The engine of the provider a resource names (`urn::id`), for its target. */
export function engineSettings(
    state: ExportedState,
    providerRef: string | undefined,
    target: "docker" | "kubernetes",
    overrides: EngineOverrides,
    env: NodeJS.ProcessEnv,
): EngineSettings {
    const provider = providerInputs(state, providerRef);
    if (target === "docker") {
        const host = overrides.dockerHost ?? plainSetting(provider, "host", "docker:host", "--docker-host") ?? env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
        const certPath = overrides.dockerHost === undefined ? plainSetting(provider, "certPath", "docker:certPath", "--docker-host") : undefined;
        return { target, host, ...(certPath === undefined ? {} : { certPath }) };
    }
    return {
        target,
        kubeconfig: overrides.kubeconfig ?? plainSetting(provider, "kubeconfig", "kubernetes:kubeconfig", "--kubeconfig"),
        context: overrides.context ?? plainSetting(provider, "context", "kubernetes:context", "--context"),
    };
}

/** The inputs of the provider resource `urn::id` (a default provider's come from the stack's config). */
function providerInputs(state: ExportedState, providerRef: string | undefined): Record<string, unknown> {
    if (providerRef === undefined) {
        return {};
    }
    const urn = providerRef.slice(0, providerRef.lastIndexOf("::"));
    const provider = state.resources.find((r) => r.urn === urn && r.type.startsWith(providerTypePrefix));
    return provider?.inputs ?? {};
}

function plainSetting(inputs: Record<string, unknown>, key: string, configKey: string, flag: string): string | undefined {
    const value = inputs[key];
    if (isSecretMarker(value)) {
        throw new SecretSettingError(`the stack's ${configKey} is a secret, which berth does not decrypt: pass ${flag}`);
    }
    return typeof value === "string" && value !== "" ? value : undefined;
}
