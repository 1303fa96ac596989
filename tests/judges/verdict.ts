import * as fs from "fs";
import { parse } from "yaml";

/*
 * checkov's verdict on the rendered stacks, against the allow-list: every
 * failed check must be listed there with the reason it does not apply, and
 * every entry must still match a failure (a fixed finding leaves the list).
 * Exits 1 on an unexplained failure or a stale entry.
 *
 * Also exits 1 when checkov judged none of a rendered stack's objects, so a
 * manifest checkov could not read never passes as clean.
 *
 *   node dist/tests/judges/verdict.js <checkov json> <allow-list yaml> <manifests dir>
 */

interface FailedCheck {
    check_id: string;
    check_name: string;
    resource: string;
    file_path: string;
}

interface CheckovReport {
    check_type?: string;
    results?: { failed_checks?: FailedCheck[]; passed_checks?: { file_path: string }[] };
    summary: { passed: number; failed: number; skipped: number; parsing_errors: number; resource_count: number };
}

export interface AllowEntry {
    /** checkov's check id, e.g. CKV_K8S_43. */
    check: string;
    /** checkov's resource id (Kind.namespace.name); every resource when left out. */
    resource?: string;
    /** Why the check does not apply to berth's objects. */
    why: string;
}

/** The failures no entry explains, and the entries that explain no failure. */
export function judge(failed: FailedCheck[], allowList: AllowEntry[]): { unexplained: FailedCheck[]; stale: AllowEntry[] } {
    const matches = (entry: AllowEntry, check: FailedCheck) => entry.check === check.check_id && (entry.resource === undefined || entry.resource === check.resource);
    return {
        unexplained: failed.filter((check) => !allowList.some((entry) => matches(entry, check))),
        stale: allowList.filter((entry) => !failed.some((check) => matches(entry, check))),
    };
}

/** The manifest files (names in the manifests directory) on which checkov ran no check. */
export function unjudged(files: string[], judgedPaths: string[]): string[] {
    const judged = new Set(judgedPaths.map((p) => p.replace(/^\//, "")));
    return files.filter((file) => !judged.has(file));
}

/** The allow-list file: a YAML list of entries, each with a check and a reason. */
export function readAllowList(file: string): AllowEntry[] {
    const entries = (parse(fs.readFileSync(file, "utf8")) ?? []) as unknown;
    if (!Array.isArray(entries)) {
        throw new Error(`${file}: must be a list of { check, resource?, why }`);
    }
    entries.forEach((entry, index) => {
        if (typeof entry?.check !== "string" || typeof entry?.why !== "string" || entry.why.trim() === "") {
            throw new Error(`${file}: entry ${index} needs a check id and a why`);
        }
    });
    return entries as AllowEntry[];
}

function main(reportFile: string, allowListFile: string, manifestsDir: string): number {
    const parsed = JSON.parse(fs.readFileSync(reportFile, "utf8")) as CheckovReport | CheckovReport[];
    const reports = (Array.isArray(parsed) ? parsed : [parsed]).filter((r) => r.check_type === undefined || r.check_type === "kubernetes");
    const failed = reports.flatMap((r) => r.results?.failed_checks ?? []);
    const passed = reports.reduce((sum, r) => sum + r.summary.passed, 0);
    const resources = reports.reduce((sum, r) => sum + r.summary.resource_count, 0);
    const parsingErrors = reports.reduce((sum, r) => sum + r.summary.parsing_errors, 0);
    const { unexplained, stale } = judge(failed, readAllowList(allowListFile));
    const judgedPaths = reports.flatMap((r) => [...(r.results?.passed_checks ?? []), ...(r.results?.failed_checks ?? [])]).map((c) => c.file_path);
    const missed = unjudged(fs.readdirSync(manifestsDir).filter((f) => f.endsWith(".yaml")), judgedPaths);

    console.log(`checkov: ${resources} objects, ${passed} passed, ${failed.length} failed (${failed.length - unexplained.length} on the allow-list), ${parsingErrors} parsing errors`);
    for (const check of unexplained) {
        console.log(`  FAILED ${check.check_id} ${check.resource} (${check.file_path.replace(/^\//, "")}): ${check.check_name}`);
    }
    for (const entry of stale) {
        console.log(`  STALE allow-list entry ${entry.check}${entry.resource ? ` ${entry.resource}` : ""}: no such failure any more; remove it`);
    }
    for (const file of missed) {
        console.log(`  UNJUDGED ${file}: checkov ran no check on it`);
    }
    return unexplained.length === 0 && stale.length === 0 && missed.length === 0 && parsingErrors === 0 && resources > 0 ? 0 : 1;
}

if (require.main === module) {
    const [reportFile, allowListFile, manifestsDir] = process.argv.slice(2);
    if (!reportFile || !allowListFile || !manifestsDir) {
        console.error("usage: verdict.js <checkov json> <allow-list yaml> <manifests dir>");
        process.exit(2);
    }
    process.exit(main(reportFile, allowListFile, manifestsDir));
}
