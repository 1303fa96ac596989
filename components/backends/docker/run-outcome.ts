import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import { failProgram } from "../../validation/program-failure";

/*
 * A container that runs to completion (a job's, an init container): `up`
 * waits until it exits (`attach`), keeps its log (`logs`, secret in state) and
 * reads its exit code. It is not restarted, and a stopped container is what
 * it should be (`mustRun: false`), so an unchanged one shows no change on the
 * next preview. Docker itself does not fail `up` on a non-zero exit code:
 * runOutcome does.
 */

/** The container settings of a run to completion. */
export const runToCompletion = { attach: true, logs: true, mustRun: false, restart: "no" } as const;

/** How many lines of a failed run's log its error shows. */
const logLinesShown = 20;

/** A run that exited with a non-zero code: who ran it, the code, and the end of its log. */
export class RunFailedError extends pulumi.RunError {
    constructor(
        public readonly what: string,
        public readonly exitCode: number,
        log: string,
    ) {
        const lines = log.replace(/\n+$/, "").split("\n").slice(-logLinesShown);
        const tail = lines.length > 0 && lines.join("") !== "" ? `; the last lines of its log:\n${lines.map((line) => `    ${line}`).join("\n")}` : "; it logged nothing";
        super(`${what} failed: its container exited with code ${exitCode}${tail}`);
        this.name = "RunFailedError";
    }
}

/** An Output's value, or undefined while it is unknown (a preview of a resource that is created or replaced). */
function knownValue<T>(output: pulumi.Output<T>): Promise<T | undefined> {
    const internals = output as unknown as { isKnown: Promise<boolean>; promise(): Promise<T> };
    return internals.isKnown.then((known) => (known ? internals.promise() : undefined));
}

/**
 * Whether the run succeeded, once its container exited: true when it exited
 * 0, or when that is not known yet (a preview: dependants are planned as
 * usual). A failed run fails the `up`, naming `what`, the exit code and the
 * end of its log, and dependants then register nothing (a failed program
 * deletes nothing). A preview only warns of a failed earlier run: the run is
 * repeated when its spec or a config changes (or with `pulumi up --replace`).
 */
export async function runOutcome(container: docker.Container, what: string, parent: pulumi.Resource): Promise<boolean> {
    const result = await knownValue(pulumi.all([container.exitCode, container.containerLogs]));
    if (result === undefined || result[0] === undefined) {
        return true;
    }
    const [exitCode, log] = result;
    if (exitCode === 0) {
        return true;
    }
    const failure = new RunFailedError(what, exitCode, log ?? "");
    if (pulumi.runtime.isDryRun()) {
        pulumi.log.warn(`${failure.message}\nIt runs again when its spec or a config it uses changes, or with pulumi up --replace.`, parent);
        return true;
    }
    failProgram(failure);
    return false;
}
