import type { ContainerAppSpec } from "../../args/container-app";
import { rulesFor } from "../../validation/rules";
import { AppContext } from "../backend";

const appRule = rulesFor<ContainerAppSpec, AppContext>();

/**
 * A namespace berth creates enforces its network's Pod Security level. The
 * API server would accept a Deployment whose pods that level refuses, and
 * then no pod would ever start: say so at preview instead, naming the fix.
 * berth never sets what "baseline" refuses (privileged, host namespaces,
 * added capabilities), so only "restricted" is checked.
 */
export const meetsPodSecurity = appRule(["security"], ({ security }, { network }, findings) => {
    if (!network.createNamespace || network.podSecurity !== "restricted") {
        return;
    }
    const refused: [keyof typeof security, string][] = [];
    if (!security.runAsNonRoot) {
        refused.push(["runAsNonRoot", "false"]);
    } else if (security.runAsUser === 0) {
        refused.push(["runAsUser", "0"]);
    }
    if (security.allowPrivilegeEscalation) {
        refused.push(["allowPrivilegeEscalation", "true"]);
    }
    if (!security.dropAllCapabilities) {
        refused.push(["dropAllCapabilities", "false"]);
    }
    for (const [key, value] of refused) {
        findings.problem(
            `${value} is refused by the Pod Security level "restricted" of network "${network.name}"'s namespace, so no pod would start; ` +
                `keep the secure default, or set the AppNetwork's podSecurity to "baseline"`,
            ["security", key],
        );
    }
});
