import { z } from "zod";
import { nameProblem } from "../args/names";
import { clashes, Claim, takeClaims } from "./claims";
import { BerthValidationError, describeIssues, formatPath } from "./errors";
import { Findings, Rule } from "./rules";

/**
 * One component's validation, in one pass: its name, every field of its
 * args, then every rule whose args are valid, then its claims against the
 * other components'. `finish` throws one BerthValidationError listing every
 * problem, before the component registers anything, or takes its claims.
 */
export class Validation implements Findings {
    private readonly problems: string[] = [];
    private readonly claims: Claim[] = [];
    private readonly warnings: string[] = [];

    constructor(
        private readonly componentType: string,
        private readonly componentName: string,
    ) {
        // The component name becomes object names on both targets, so it follows their rules.
        const badName = nameProblem(componentName);
        if (badName) {
            this.problems.push(`name ${badName}`);
        }
    }

    /**
     * Parses args field by field: reports every field's problems and returns
     * the fields that are valid (all of them, with defaults, when none fails).
     */
    parse<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, args: unknown): Partial<z.output<z.ZodObject<Shape>>> {
        const whole = schema.safeParse(args ?? {});
        if (whole.success) {
            // An optional field left out is valid too: rules that read it run.
            const spec = whole.data as Record<string, unknown>;
            for (const key of Object.keys(schema.shape)) {
                if (!Object.hasOwn(spec, key)) {
                    spec[key] = undefined;
                }
            }
            return spec as Partial<z.output<z.ZodObject<Shape>>>;
        }
        this.problems.push(...describeIssues(whole.error));
        const raw = typeof args === "object" && args !== null ? (args as Record<string, unknown>) : {};
        const valid: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(schema.shape)) {
            const parsed = (field as z.ZodType).safeParse(raw[key]);
            if (parsed.success) {
                valid[key] = parsed.data;
            }
        }
        return valid as Partial<z.output<z.ZodObject<Shape>>>;
    }

    /** Runs each rule whose args are all valid. */
    run<Spec, Context>(rules: readonly Rule<Spec, Context>[], spec: Partial<Spec>, context: Context): void {
        for (const rule of rules) {
            if (rule.needs.every((key) => Object.hasOwn(spec, key))) {
                rule.check(spec as Spec, context, this);
            }
        }
    }

    problem(message: string, path: ReadonlyArray<PropertyKey> = []): void {
        this.problems.push(path.length > 0 ? `${formatPath(path)} ${message}` : message);
    }

    claim(claim: Claim): void {
        this.claims.push(claim);
    }

    warning(message: string): void {
        this.warnings.push(`${this.componentType} "${this.componentName}": ${message}`);
    }

    /**
     * Throws one error with every problem, claim clashes included. Otherwise
     * takes the claims and returns the args, every field valid, with what
     * the rules were given and the warnings to log once the component is registered.
     */
    finish<Spec, Context>(spec: Partial<Spec>, context: Context | undefined): Valid<Spec, Context> {
        const problems = [...this.problems, ...clashes(this.claims)];
        if (problems.length > 0) {
            throw new BerthValidationError(this.componentType, this.componentName, problems);
        }
        if (context === undefined) {
            // Only a missing or bad field, or a bad stack target, leaves the context unresolved: each is a problem.
            throw new Error(`${this.componentType} "${this.componentName}": its context was not resolved, yet no problem was found`);
        }
        takeClaims(this.claims);
        // No problem means the args parsed as a whole (see parse), so every field is valid.
        return { spec: spec as Spec, context, warnings: this.warnings };
    }
}

/** What a validation without problems gives the component. */
export interface Valid<Spec, Context> {
    spec: Spec;
    context: Context;
    /** Logged on the component once it is registered. */
    warnings: string[];
}
