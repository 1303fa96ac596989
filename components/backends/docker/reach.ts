import { AppModel } from "../../model/app";
import { unsupported } from "../capabilities";

/*
 * Who reaches whom on Docker, where a NetworkPolicy cannot say it. Under the
 * network's default deny, its shared bridge drops traffic between containers
 * (ICC off), and an app that others may reach (allowFrom) answers on a network
 * of its own, `<network>-to-<app>`, internal, that only it and the apps it
 * allows join: a denied app can neither resolve its name nor reach it. The
 * shared bridge is left for what only it gives: outside access and published
 * ports. An app whose egress is limited and which needs neither stays off it.
 */

/** One network a container joins: the AppNetwork's own bridge, or an app's allow network; and its names there. */
export interface Attachment {
    /** The Docker network's name. */
    network: string;
    /** Names the container answers to on it; undefined for none but its own. */
    aliases?: string[];
}

/** The networks an app's containers join, and what Docker cannot honour of its egress. */
export interface Reach {
    attachments: Attachment[];
    /** Whether the app answers on an allow network of its own (the app creates it). */
    ownsAllowNetwork: boolean;
    warnings: string[];
}

/** The internal network through which the apps an app allows reach it. */
export function allowNetworkName(networkName: string, appName: string): string {
    return `${networkName}-to-${appName}`;
}

/** What reach reads of an app; a job is one with no ports that lets no one in. */
export type Reacher = Pick<AppModel, "name" | "network" | "egress" | "allowFrom" | "ports"> & { kind?: "ContainerApp" | "ContainerJob" };

/** Whether others reach the app through a network of its own: the network denies by default, and the app allows some apps in on its ports. */
export function ownsAllowNetwork(app: Reacher): boolean {
    return app.network.defaultDenyIngress && app.allowFrom.length > 0 && app.ports.length > 0;
}

/** Which networks an app joins, given every app of its network (in the order they were declared). */
export function appReach(app: Reacher, appsOnNetwork: AppModel[]): Reach {
    const denyIngress = app.network.defaultDenyIngress;
    const egress = app.egress;
    const owns = ownsAllowNetwork(app);
    // The apps that allow this one in (and that it may reach, when its egress is limited).
    const reachable = denyIngress
        ? appsOnNetwork.filter((other) => other !== app && ownsAllowNetwork(other) && other.allowFrom.includes(app.name) && (!egress.restricted || egress.apps.includes(other.name)))
        : [];
    const publishes = app.ports.some((p) => p.publish !== undefined);
    const needsOutside = !egress.restricted || egress.destinations.length > 0 || publishes;
    const alone = !owns && reachable.length === 0;
    const joinsShared = !denyIngress || needsOutside || alone;

    const attachments: Attachment[] = [];
    if (joinsShared) {
        // Behind the default deny the shared bridge carries no traffic between containers: no name to resolve there.
        attachments.push({ network: app.network.name, aliases: denyIngress ? undefined : [app.name] });
    }
    if (owns) {
        attachments.push({ network: allowNetworkName(app.network.name, app.name), aliases: [app.name] });
    }
    for (const other of [...reachable].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        attachments.push({ network: allowNetworkName(app.network.name, other.name) });
    }
    return { attachments, ownsAllowNetwork: owns, warnings: egressWarnings(app, { denyIngress, publishes, alone, joinsShared }) };
}

/** What Docker cannot honour of a limited egress: it can keep a container off the outside, not narrow it to ranges and ports. */
function egressWarnings(app: Reacher, facts: { denyIngress: boolean; publishes: boolean; alone: boolean; joinsShared: boolean }): string[] {
    const { egress } = app;
    if (!egress.restricted || app.network.internal || !facts.joinsShared) {
        return [];
    }
    const subject = `${app.kind ?? "ContainerApp"} "${app.name}" egress`;
    if (!facts.denyIngress) {
        return [unsupported("egress", "docker", `${subject} (its network does not deny ingress by default, so every app shares one bridge with outside access)`)];
    }
    if (egress.destinations.length > 0) {
        return [unsupported("egress", "docker", `${subject} to ${egress.destinations.map((d) => d.cidr).join(", ")} (Docker cannot narrow outside access to ranges and ports: the app reaches any outside address)`)];
    }
    if (facts.publishes) {
        return [unsupported("egress", "docker", `${subject} (it publishes a port, which needs the bridge with outside access)`)];
    }
    return [unsupported("egress", "docker", `${subject} (no app lets it in and none reaches it, so it stays on the shared bridge, which has outside access)`)];
}
