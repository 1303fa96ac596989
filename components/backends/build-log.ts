import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

/*
 * What a failed build printed. The Docker provider's error names the failing
 * step but shows none of its output; it writes the output to the build
 * block's log file. So berth gives each built image a log file of its own,
 * empties it before the build, removes it after a good one, and when the
 * build fails, an error hook logs its last lines on the app, where `up`
 * shows them next to the provider's error.
 *
 * The path is relative: the provider and the program both run in the
 * project directory, and the path is an input of the image (a different one
 * would rebuild it), so it must be the same on every machine.
 */

/** How many lines of a failed build's output the app's error shows. */
export const shownLines = 25;

/** The build log of an app's image, relative to the project directory. */
export function buildLogFile(stack: string, network: string, app: string): string {
    return path.posix.join(".berth", "build-logs", `${stack}-${network}-${app}.log`);
}

/**
 * The last `count` non-empty lines of a build's output, with every secret
 * value masked: BuildKit prints a RUN step with its build args expanded.
 */
export function lastLines(output: string, count: number, secrets: readonly string[]): string {
    let text = output;
    for (const secret of [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) {
        text = text.split(secret).join("[secret]");
    }
    const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
    return lines.slice(-count).join("\n");
}

/**
 * The hooks of a built image, on `up` only (a preview builds nothing):
 * before the build the log is emptied (its directory made, the file private:
 * it may hold build args), after a good build it is removed, and a failed one
 * logs its last lines as an error of the app, secrets masked.
 */
export function buildLogHooks(owner: string, logFile: string, secrets: Promise<string[]>, parent: pulumi.Resource): pulumi.ResourceHookBinding {
    const name = `berth-build-log-${logFile}`;
    const reset = new pulumi.ResourceHook(`${name}-reset`, () => {
        fs.mkdirSync(path.dirname(logFile), { recursive: true, mode: 0o700 });
        fs.writeFileSync(logFile, "", { mode: 0o600 });
    });
    const remove = new pulumi.ResourceHook(`${name}-remove`, () => {
        fs.rmSync(logFile, { force: true });
        removeIfEmpty(path.dirname(logFile));
        removeIfEmpty(path.dirname(path.dirname(logFile)));
    });
    const report = new pulumi.ErrorHook(`${name}-report`, async () => {
        const output = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
        const tail = lastLines(output, shownLines, await secrets);
        pulumi.log.error(
            tail.length > 0
                ? `${owner}: building its image failed; the last lines of the build output (all of it in ${logFile}):\n${tail}`
                : `${owner}: building its image failed before the build printed anything (see the image's error)`,
            parent,
        );
        // A build that failed fails the same way again: no retry.
        return false;
    });
    return { beforeCreate: [reset], afterCreate: [remove], onError: [report] };
}

/** Leaves nothing of berth's in the project directory after good builds; a directory still in use stays. */
function removeIfEmpty(directory: string): void {
    try {
        fs.rmdirSync(directory);
    } catch {
        // Not empty (another app's log, a failed build's), or already gone.
    }
}
