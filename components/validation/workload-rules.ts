import type { z } from "zod";
import type { configMount, envMap, helperContainer, volume } from "../args/container-app";
import { AppContext } from "../backends/backend";
import { maybeSecret } from "../model/secrets";
import { derivedNameClaim } from "./claims";
import { Findings, rulesFor } from "./rules";

/*
 * Rules of apps and jobs alike that read what the workload belongs to (its
 * network) and the names berth derives from its name. Each workload's own
 * container and helper containers count.
 */

type Helper = z.output<typeof helperContainer>;
type ConfigMount = z.output<typeof configMount>;
type Env = z.output<typeof envMap>;
type Volume = z.output<typeof volume>;

/** An app's or a job's args, as these rules read them (a job has no sidecars). */
const workloadRule = rulesFor<{ configs: ConfigMount[]; env: Env; volumes: Volume[]; initContainers: Helper[]; sidecars?: Helper[] }, AppContext>();

/** How problems and claims name the workload: `app "web"`, `job "migrate"`. */
export function ownerOf(context: Pick<AppContext, "kind" | "name">): string {
    return `${context.kind} "${context.name}"`;
}

function configsOnNetwork(configs: ConfigMount[], at: string, { network }: AppContext, findings: Findings): void {
    configs.forEach((c, index) => {
        const config = c.config.configModel;
        if (config.network.name !== network.name) {
            findings.problem(`${at}configs[${index}].config "${config.name}" belongs to network "${config.network.name}", not "${network.name}"`);
        }
    });
}

/** A workload may only use configs of its own network (on Kubernetes, its namespace holds them); its helpers too. */
export const configsOfItsNetwork = workloadRule(["configs"], (w, context, findings) => configsOnNetwork(w.configs, "", context, findings));

export const initConfigsOfItsNetwork = workloadRule(["initContainers"], (w, context, findings) =>
    w.initContainers.forEach((h, index) => configsOnNetwork(h.configs, `initContainers[${index}].`, context, findings)),
);

export const sidecarConfigsOfItsNetwork = workloadRule(["sidecars"], (w, context, findings) =>
    (w.sidecars ?? []).forEach((h, index) => configsOnNetwork(h.configs, `sidecars[${index}].`, context, findings)),
);

/** An app's init containers and sidecars (a job has no sidecars: the field is absent from its args). */
export function helpersOf(w: { initContainers: Helper[] }): Helper[] {
    return [...w.initContainers, ...((w as { sidecars?: Helper[] }).sidecars ?? [])];
}

/** The Secret holding the secret env values of the workload's containers, `<name>-env`. */
export const envSecretName = workloadRule(["env", "initContainers"], (w, context, findings) => {
    const helpers = helpersOf(w);
    if ([w.env, ...helpers.map((h) => h.env)].some((env) => Object.values(env).some(maybeSecret))) {
        const secret = { kind: "Secret", name: `${context.name}-env`, role: "Secret for secret env", path: "env" };
        findings.claim(derivedNameClaim(context.network.nameScope, ownerOf(context), secret));
    }
});

/**
 * Apps and jobs of a network are named apart: allowFrom and dependsOn name
 * them, and on Kubernetes a NetworkPolicy selects their pods by that name.
 */
export const workloadName = workloadRule([], (_w, context, findings) => {
    findings.claim({
        scope: context.network.nameScope,
        key: `workload/${context.name}`,
        owner: ownerOf(context),
        holder: ownerOf(context),
        clash: (holder) => `name "${context.name}" is already the name of ${holder} on this network; apps and jobs of a network need names of their own`,
    });
});

/** A pod's containers are named apart: no helper takes the workload's own container's name. */
export const helpersNamedApart = workloadRule(["initContainers"], (w, { name }, findings) => {
    const lists: [string, Helper[]][] = [
        ["initContainers", w.initContainers],
        ["sidecars", (w as { sidecars?: Helper[] }).sidecars ?? []],
    ];
    for (const [list, helpers] of lists) {
        helpers.forEach((h, index) => {
            if (h.name === name) {
                findings.problem(`"${h.name}" is the name of the ${list === "sidecars" ? "app's" : "workload's"} own container; name it apart`, [list, index, "name"]);
            }
        });
    }
});
