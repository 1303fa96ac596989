import type { z } from "zod";
import type { helperContainer, volume } from "../../args/container-app";
import { derivedNameClaim } from "../../validation/claims";
import { rulesFor } from "../../validation/rules";
import { helpersOf, ownerOf } from "../../validation/workload-rules";
import { AppContext } from "../backend";

type Helper = z.output<typeof helperContainer>;

const volumeRule = rulesFor<{ volumes: z.output<typeof volume>[]; initContainers: Helper[] }, AppContext>();

/**
 * A named volume is `<network>-<name>-<volume>-<replica>`: the names of two
 * workloads' volumes clash exactly when their `<name>-<volume>` do (a replica
 * number has no '-'), so that is what each claims on its network.
 */
export const namedVolumeClaims = volumeRule(["volumes", "initContainers"], (w, context, findings) => {
    const shared = new Set(helpersOf(w).flatMap((h) => h.volumes.map((m) => m.name)));
    w.volumes.forEach((v, index) => {
        if (v.persistent || shared.has(v.name)) {
            const derived = { kind: "volume", name: `${context.name}-${v.name}`, role: "named volume", path: `volumes[${index}].name` };
            findings.claim(derivedNameClaim(context.network.nameScope, ownerOf(context), derived));
        }
    });
});
