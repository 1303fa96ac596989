/**
 * Objects berth names after a component plus a suffix (`<app>-public`,
 * `<app>-env`, `<app>-<volume>`) can take the name of another component's
 * object on the same network: Pulumi refuses a second resource of one name at
 * preview, the API server or Docker a second object at up. Each component
 * checks the names it derives before it registers anything, and claims them
 * once it is valid. Checked on both targets, like every name rule, across
 * every network that shares the Docker network or Kubernetes namespace.
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
 * Claims per name scope (NetworkModel.nameScope: a Docker network on its host,
 * or a Kubernetes namespace on its cluster, which several AppNetworks may
 * adopt): kind/name -> holder.
 */
const claims = new Map<string, Map<string, string>>();

function held(scope: string): Map<string, string> {
    const names = claims.get(scope) ?? new Map<string, string>();
    claims.set(scope, names);
    return names;
}

/** A problem for each name another component of the scope already holds. */
export function derivedNameClashes(scope: string, owner: string, names: DerivedName[]): string[] {
    const holders = held(scope);
    return names.flatMap(({ kind, name, role, path }) => {
        const holder = holders.get(`${kind}/${name}`);
        return holder !== undefined && !holder.startsWith(`${owner}'s `)
            ? [`${path} makes its ${role} "${name}", the name of ${holder}; rename one of them`]
            : [];
    });
}

/** Records the names a valid component derives. */
export function claimDerivedNames(scope: string, owner: string, names: DerivedName[]): void {
    const holders = held(scope);
    for (const { kind, name, role } of names) {
        holders.set(`${kind}/${name}`, `${owner}'s ${role}`);
    }
}

/** Forgets all claims: each program run (and each test) starts empty. */
export function resetNameClaims(): void {
    claims.clear();
}

/** Whether an input may turn out to be a Pulumi secret (a plain string cannot). */
export function maybeSecret(value: unknown): boolean {
    return typeof value !== "string";
}
