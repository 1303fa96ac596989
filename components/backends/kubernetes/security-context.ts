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

/**
 * The pod's security settings, inherited by every container the pod has or
 * gains later (an ephemeral debug container, an injected sidecar), and the
 * group that owns its volumes; undefined when the app opts out.
 */
export function podSecurityContext(security: SecurityModel): k8s.types.input.core.v1.PodSecurityContext | undefined {
    if (!security.podSecurityContext) {
        return undefined;
    }
    return {
        runAsNonRoot: security.runAsNonRoot,
        runAsUser: security.runAsNonRoot ? security.runAsUser : undefined,
        runAsGroup: security.runAsNonRoot ? security.runAsGroup : undefined,
        fsGroup: security.fsGroup,
        // Re-own a volume only when its root is not the fsGroup's yet: a large volume is not walked on every start.
        fsGroupChangePolicy: security.fsGroup !== undefined ? "OnRootMismatch" : undefined,
        seccompProfile: { type: "RuntimeDefault" },
    };
}
