import * as k8s from "@pulumi/kubernetes";
import { SecurityModel } from "../../model/app";

/** The container's security settings; the user and group only with runAsNonRoot. */
export function securityContext(security: SecurityModel): k8s.types.input.core.v1.SecurityContext {
    return {
        runAsNonRoot: security.runAsNonRoot,
        runAsUser: security.runAsNonRoot ? security.runAsUser : undefined,
        runAsGroup: security.runAsNonRoot ? security.runAsGroup : undefined,
        readOnlyRootFilesystem: security.readOnlyRootFilesystem,
        allowPrivilegeEscalation: security.allowPrivilegeEscalation,
        capabilities: security.dropAllCapabilities ? { drop: ["ALL"] } : undefined,
        seccompProfile: { type: "RuntimeDefault" },
    };
}
