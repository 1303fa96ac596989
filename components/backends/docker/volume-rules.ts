import type { z } from "zod";
import type { helperContainer, volume } from "../../args/container-app";
import { derivedNameClaim } from "../../validation/claims";
import { rulesFor } from "../../validation/rules";
import { helpersOf, ownerOf } from "../../validation/workload-rules";
import { AppContext } from "../backend";

type Helper = z.output<typeof helperContainer>;

const volumeRule = rulesFor<{ volumes: z.output<typeof volume>[]; initContainers: Helper[] }, AppContext>();

/**
 * A named volume is `<network>-<name>-<volume>`, and `-<replica>` after it for
 * replicas 1 and up (named-volumes.ts). A volume name that ends in `-<number>`
 * is refused, so a replica's suffix can never be read as part of another
 * volume's name; then two workloads' volumes clash exactly when their
 * `<name>-<volume>` do, and that is what each claims on its network.
 */
export const namedVolumeClaims = volumeRule(["volumes", "initContainers"], (w, context, findings) => {
    const shared = new Set(helpersOf(w).flatMap((h) => h.volumes.map((m) => m.name)));
    w.volumes.forEach((v, index) => {
        if (v.persistent || shared.has(v.name)) {
            if (/-[0-9]+$/.test(v.name)) {
                findings.problem(`"${v.name}" ends in -<number>, which berth keeps for the Docker volumes of replicas 1 and up (<app>-<volume>-<replica>); rename the volume`, ["volumes", index, "name"]);
            }
            const derived = { kind: "volume", name: `${context.name}-${v.name}`, role: "named volume", path: `volumes[${index}].name` };
            findings.claim(derivedNameClaim(context.network.nameScope, ownerOf(context), derived));
        }
    });
});
