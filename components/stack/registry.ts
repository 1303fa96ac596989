import * as pulumi from "@pulumi/pulumi";
import { isConfigSecret } from "./config-values";

/*
 * The registry a Kubernetes stack pushes the images it builds to:
 *
 *   berth:registry          registry.example.com/shop   (host[:port][/path]; http://... for a plain-HTTP registry)
 *   berth:registryUsername  ci-bot                      (optional)
 *   berth:registryPassword  (secret)                    (with the username; set with --secret)
 *
 * A Docker stack builds on its own engine and pushes nothing, so it reads none of them.
 */

export interface RegistrySettings {
    /** The prefix of every pushed repository: host[:port][/path]. */
    repositoryPrefix: string;
    /** Where the provider asks for a pushed image's digest: the host, with http:// for a plain-HTTP registry. */
    address: string;
    username?: string;
    /** A secret Output. */
    password?: pulumi.Output<string>;
}

export const registryKeys = { registry: "berth:registry", username: "berth:registryUsername", password: "berth:registryPassword" } as const;

const registryPattern = /^(?:(https?):\/\/)?([a-z0-9]([-a-z0-9.]*[a-z0-9])?(?::[0-9]{1,5})?)((?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)\/?$/;

/** The stack's registry, or the problems with its keys (none set is not one: only an app that builds needs it). */
export function readRegistry(): { registry?: RegistrySettings; problems: string[] } {
    const value = pulumi.runtime.getConfig(registryKeys.registry);
    const username = pulumi.runtime.getConfig(registryKeys.username);
    const password = pulumi.runtime.getConfig(registryKeys.password);
    const problems: string[] = [];
    if (password !== undefined && !isConfigSecret(registryKeys.password)) {
        problems.push(`stack config ${registryKeys.password} must be set as a secret: pulumi config set --secret ${registryKeys.password} <value>`);
    }
    if ((username === undefined) !== (password === undefined)) {
        problems.push(`stack config ${registryKeys.username} and ${registryKeys.password} go together: set both or neither`);
    }
    if (value === undefined) {
        return { problems };
    }
    const parsed = registryPattern.exec(value);
    if (!parsed) {
        problems.push(`stack config ${registryKeys.registry} must be a registry host with an optional port and path, such as registry.example.com/shop or http://127.0.0.1:5000 (got "${value}")`);
        return { problems };
    }
    const [, scheme, host, , repositoryPath] = parsed;
    return {
        registry: {
            repositoryPrefix: `${host}${repositoryPath}`,
            address: scheme === "http" ? `http://${host}` : host,
            username,
            password: password === undefined ? undefined : pulumi.secret(password),
        },
        problems,
    };
}
