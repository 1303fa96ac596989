import * as pulumi from "@pulumi/pulumi";
import { ConfigModel } from "../../model/config";

/**
 * Without `kubernetes:enableConfigMapMutable` (`enableSecretMutable`), the
 * Kubernetes provider replaces a changed ConfigMap (Secret) instead of
 * updating it, and the engine then replaces the Deployments that use it:
 * downtime on every config change. berth cannot set a provider's config, so
 * it says so on every preview of a stack that has not set them. Only the
 * default provider reads these keys; an explicit provider has its own args.
 */
export function warnWithoutMutableConfig(config: ConfigModel, parent: pulumi.Resource, kinds: { configMap: boolean; secret: boolean }): void {
    if (!config.defaultProvider) {
        return;
    }
    const settings = new pulumi.Config("kubernetes");
    const missing = [
        ...(kinds.configMap && settings.get("enableConfigMapMutable") !== "true" ? ["enableConfigMapMutable"] : []),
        ...(kinds.secret && settings.get("enableSecretMutable") !== "true" ? ["enableSecretMutable"] : []),
    ];
    if (missing.length === 0) {
        return;
    }
    const objects = [kinds.configMap ? "ConfigMap" : undefined, kinds.secret ? "Secret" : undefined].filter((o) => o !== undefined).join(" and ");
    pulumi.log.warn(
        `AppConfig "${config.name}": ${missing.map((key) => `kubernetes:${key}`).join(" and ")} not set to "true", so a change to this config ` +
            `replaces its ${objects} and the Deployments that use it (downtime); set them on this stack: ` +
            missing.map((key) => `pulumi config set kubernetes:${key} true`).join("; "),
        parent,
    );
}
