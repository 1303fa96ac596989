/*
 * The one registry of what a component takes that another component of the
 * program could take too: the object names berth derives from a component's
 * name, per Docker network or Kubernetes namespace, and Docker host ports,
 * per Docker host.
 *
 * Derived names (`<app>-public`, `<app>-env`, `<app>-<volume>`) can take the
 * name of another component's object on the same network: Pulumi refuses a
 * second resource of one name at preview, the API server or Docker a second
 * object at up. Two apps cannot bind one host port either, and Docker would
 * only say so halfway through an `up`. A component's claims are checked with
 * its other rules, before it registers anything, and taken once it is valid,
 * so the second claimant fails at preview instead.
 */

export interface Claim {
    /** Where the key must be unique: a network's name scope (NetworkModel.nameScope), or a Docker host. */
    scope: string;
    /** What is taken, e.g. "Service/web-public" or "8080/tcp". */
    key: string;
    /** Who takes it, e.g. `app "web"`; an owner may take its own key again. */
    owner: string;
    /** How another claimant's problem names the holder, e.g. `app "web"'s public Service`. */
    holder: string;
    /** The problem when another owner holds the key, given how that holder is named. */
    clash(holder: string): string;
}

/** Taken claims: scope and key -> owner and how to name it. */
const taken = new Map<string, { owner: string; holder: string }>();

function slot(claim: Claim): string {
    return `${claim.scope}\0${claim.key}`;
}

/** A problem for each claim another owner already holds. */
export function clashes(claims: Claim[]): string[] {
    return claims.flatMap((claim) => {
        const held = taken.get(slot(claim));
        return held !== undefined && held.owner !== claim.owner ? [claim.clash(held.holder)] : [];
    });
}

/** Takes the claims of a component that is valid. */
export function takeClaims(claims: Claim[]): void {
    for (const claim of claims) {
        taken.set(slot(claim), { owner: claim.owner, holder: claim.holder });
    }
}

/** Forgets all claims: each program run (and each test) starts empty. */
export function resetClaims(): void {
    taken.clear();
}

export interface DerivedName {
    /** Kubernetes kind, or "volume" (a PersistentVolumeClaim, a Docker named volume). */
    kind: string;
    name: string;
    /** What the object is to its component, e.g. "public Service". */
    role: string;
    /** The arg the name comes from, for the problem's path. */
    path: string;
}

/** The claim on an object name a component derives, in its network's name scope. */
export function derivedNameClaim(scope: string, owner: string, derived: DerivedName): Claim {
    return {
        scope,
        key: `${derived.kind}/${derived.name}`,
        owner,
        holder: `${owner}'s ${derived.role}`,
        clash: (holder) => `${derived.path} makes its ${derived.role} "${derived.name}", the name of ${holder}; rename one of them`,
    };
}

/**
 * The Pulumi name of an autoscaler's objects (HorizontalPodAutoscaler and
 * PodDisruptionBudget): a policy's name, or the app's for its own
 * `autoscaling`. One program may not give two autoscalers one name: each
 * resource of the stack is known by its type and name (previews, `berth
 * review`). Claimed on both targets, as every name is.
 */
export function autoscalerNameClaim(owner: string, name: string, path: ReadonlyArray<string>): Claim {
    return {
        scope: "the program's autoscalers",
        key: name,
        owner,
        holder: `${owner}'s HorizontalPodAutoscaler`,
        clash: (holder) => `${path.length > 0 ? `${path.join(".")} ` : ""}names its HorizontalPodAutoscaler "${name}", as ${holder} is named; rename one of them`,
    };
}
