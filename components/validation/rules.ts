import { Claim } from "./claims";

/*
 * Rules that read several args, or args and what the component belongs to
 * (its network, its target, the stack's tier). Each rule names the args it
 * reads and runs when each of them is valid, so one malformed field never
 * hides the problems of the others: every rule of a component is checked in
 * one pass (see validation.ts).
 */

/** Where a rule reports what it finds. */
export interface Findings {
    /** A problem, at an arg path (`ports[1].publish ...`) or of the whole component. */
    problem(message: string, path?: ReadonlyArray<PropertyKey>): void;
    /** A name or port the component takes; a clash with another component's is a problem. */
    claim(claim: Claim): void;
    /** Logged on the component once it is registered (e.g. what a staging stack only warns about). */
    warning(message: string): void;
}

export interface Rule<Spec, Context> {
    /** The args the rule reads: it runs only when each of them is valid. */
    readonly needs: readonly (keyof Spec)[];
    check(spec: Spec, context: Context, findings: Findings): void;
}

/**
 * A rule maker for one component's validated args and context. The check sees
 * only the args it names, so the compiler keeps `needs` true.
 */
export function rulesFor<Spec, Context = undefined>() {
    return <K extends keyof Spec>(needs: K[], check: (spec: Pick<Spec, K>, context: Context, findings: Findings) => void): Rule<Spec, Context> => ({
        needs,
        check,
    });
}

/** Findings of a nested arg (ContainerApp's `autoscaling`): each problem's path starts at it. */
export function findingsUnder(findings: Findings, prefix: ReadonlyArray<PropertyKey>): Findings {
    return {
        problem: (message, path = []) => findings.problem(message, [...prefix, ...path]),
        claim: (claim) => findings.claim(claim),
        warning: (message) => findings.warning(message),
    };
}
