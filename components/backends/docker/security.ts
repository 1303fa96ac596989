import * as docker from "@pulumi/docker";
import { SecurityModel } from "../../model/app";

/** Docker's security settings: user, read-only root, dropped capabilities, no-new-privileges. */
export interface DockerSecurity {
    user?: string;
    readOnly: boolean;
    capabilities?: docker.types.input.ContainerCapabilities;
    securityOpts?: string[];
}

/** `readOnlyRoot` is the app's setting unless Docker must copy config files in (see container-app.ts). */
export function dockerSecurity(security: SecurityModel, readOnlyRoot: boolean): DockerSecurity {
    return {
        user: security.runAsNonRoot ? `${security.runAsUser}:${security.runAsGroup}` : undefined,
        readOnly: readOnlyRoot,
        capabilities: security.dropAllCapabilities ? { drops: ["ALL"] } : undefined,
        securityOpts: security.allowPrivilegeEscalation ? undefined : ["no-new-privileges:true"],
    };
}
