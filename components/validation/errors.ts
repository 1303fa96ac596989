import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/**
 * The one error berth throws for bad input. Its message names the component
 * and lists every problem with its field path, so a user fixes them all at once:
 *   ContainerApp "web": ports[1].port must be between 1 and 65535; healthCheck.http.path must start with "/"
 * A RunError, so Pulumi prints the message alone, without a stack trace.
 */
export class BerthValidationError extends pulumi.RunError {
    constructor(
        public readonly componentType: string,
        public readonly componentName: string,
        public readonly problems: string[],
    ) {
        super(`${componentType} "${componentName}": ${problems.join("; ")}`);
        this.name = "BerthValidationError";
    }
}

/**
 * The problems of several components at once, one line per component: what
 * the checks that need every app and job of the program find (names in
 * allowFrom and dependsOn, cycles, the prod tier's replica rule).
 */
export class BerthValidationErrors extends pulumi.RunError {
    constructor(public readonly errors: BerthValidationError[]) {
        super(errors.map((error) => error.message).join("\n"));
        this.name = "BerthValidationErrors";
    }
}

/** Renders a zod issue path the way a user writes it: `ports[1].port`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
    let out = "";
    for (const segment of path) {
        if (typeof segment === "number") {
            out += `[${segment}]`;
        } else {
            out += out === "" ? String(segment) : `.${String(segment)}`;
        }
    }
    return out;
}

/** One line per problem, `path message`, in the order zod found them. */
export function describeIssues(error: z.ZodError): string[] {
    const lines: string[] = [];
    for (const issue of error.issues) {
        const path = formatPath(issue.path);
        if (issue.code === "unrecognized_keys") {
            // A typo in a field name must not be silently ignored.
            for (const key of issue.keys) {
                lines.push(`${formatPath([...issue.path, key])} is not a known field`);
            }
        } else if (issue.code === "invalid_key") {
            lines.push(`${path} is not a valid key: ${issue.issues.map((inner) => inner.message).join(", ")}`);
        } else {
            lines.push(path === "" ? issue.message : `${path} ${issue.message}`);
        }
    }
    return lines;
}
