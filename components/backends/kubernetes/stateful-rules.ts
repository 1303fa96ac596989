import type { z } from "zod";
import type { volume } from "../../args/container-app";
import { derivedNameClaim } from "../../validation/claims";
import { rulesFor } from "../../validation/rules";
import { ownerOf } from "../../validation/workload-rules";
import { AppContext } from "../backend";
import { headlessServiceName } from "./stateful-set";
import { volumeName } from "./volumes";

const statefulRule = rulesFor<{ volumes: z.output<typeof volume>[] }, AppContext>();

/**
 * A stateful app's derived names on Kubernetes: its headless Service, and
 * the claims its StatefulSet makes, `volume-<volume>-<app>-<replica>`: two
 * apps' claims clash exactly when their `volume-<volume>-<app>` do.
 */
export const statefulNames = statefulRule(["volumes"], (app, context, findings) => {
    const persistent = app.volumes.filter((v) => v.persistent);
    if (persistent.length === 0) {
        return;
    }
    const owner = ownerOf(context);
    const headless = headlessServiceName(context.name);
    findings.claim(derivedNameClaim(context.network.nameScope, owner, { kind: "Service", name: headless, role: "headless Service", path: "volumes" }));
    app.volumes.forEach((v, index) => {
        if (v.persistent) {
            const derived = { kind: "PersistentVolumeClaim", name: `${volumeName(v.name)}-${context.name}`, role: "volume claims", path: `volumes[${index}].name` };
            findings.claim(derivedNameClaim(context.network.nameScope, owner, derived));
        }
    });
});
