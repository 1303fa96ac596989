/*
 * The one registry of what components take on a Docker host or a Kubernetes
 * cluster that another component of the program could take too: the object
 * names berth derives from a component's name, and Docker host ports.
 *
 * Derived names (`<app>-public`, `<app>-env`, `<app>-<volume>`) can take the
 * name of another component's object on the same network: Pulumi refuses a
 * second resource of one name at preview, the API server or Docker a second
 * object at up. Two apps cannot bind one host port either, and Docker would
 * only say so halfway through an `up`. Each component checks its claims
 * before it registers anything, and records them once it is valid, so the
 * second one fails validation at preview instead.
 */

export interface DerivedName {
    /** Kubernetes kind, or "volume" (a PersistentVolumeClaim, a Docker named volume). */
    kind: string;
    name: string;
    /** What the object is to its component, e.g. "LoadBalancer Service". */
    role: string;
    /** The arg the name comes from, for the problem's path. */
    path: string;
}

/**
 * Derived-name claims per name scope (NetworkModel.nameScope: a Docker network
 * on its host, or a Kubernetes namespace on its cluster, which several
 * AppNetworks may adopt): kind/name -> holder.
 */
const nameClaims = new Map<string, Map<string, string>>();

/** Host-port claims per Docker host: "port/protocol" -> app name. */
const hostPortClaims = new Map<string, Map<string, string>>();

function held(claims: Map<string, Map<string, string>>, scope: string): Map<string, string> {
    const names = claims.get(scope) ?? new Map<string, string>();
    claims.set(scope, names);
    return names;
}

/** A problem for each name another component of the scope already holds. */
export function derivedNameClashes(scope: string, owner: string, names: DerivedName[]): string[] {
    const holders = held(nameClaims, scope);
    return names.flatMap(({ kind, name, role, path }) => {
        const holder = holders.get(`${kind}/${name}`);
        return holder !== undefined && !holder.startsWith(`${owner}'s `)
            ? [`${path} makes its ${role} "${name}", the name of ${holder}; rename one of them`]
            : [];
    });
}

/** Records the names a valid component derives. */
export function claimDerivedNames(scope: string, owner: string, names: DerivedName[]): void {
    const holders = held(nameClaims, scope);
    for (const { kind, name, role } of names) {
        holders.set(`${kind}/${name}`, `${owner}'s ${role}`);
    }
}

/**
 * Claims host ports for an app; returns a problem for each port another app
 * already holds. A TCP and a UDP port of one number are different ports.
 */
export function claimHostPorts(host: string, appName: string, ports: { index: number; publish: number; protocol: "tcp" | "udp" }[]): string[] {
    const holders = held(hostPortClaims, host);
    const problems: string[] = [];
    for (const { index, publish, protocol } of ports) {
        const port = `${publish}/${protocol}`;
        const owner = holders.get(port);
        if (owner !== undefined && owner !== appName) {
            problems.push(`ports[${index}].publish ${port} is already published by app "${owner}" on this Docker host`);
        } else {
            holders.set(port, appName);
        }
    }
    return problems;
}

/** Forgets all claims: each program run (and each test) starts empty. */
export function resetClaims(): void {
    nameClaims.clear();
    hostPortClaims.clear();
}
