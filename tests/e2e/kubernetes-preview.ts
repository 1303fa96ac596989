import * as fs from "fs";
import * as path from "path";
import { PreviewJson } from "./stack";
import { repoRoot } from "./tools";

/** One step of `pulumi preview --json`, with the fields these tests read. */
export interface PreviewStep {
    op: string;
    urn: string;
    diffReasons?: string[];
    replaceReasons?: string[];
    detailedDiff?: Record<string, unknown> | null;
}

/** `<type>::<name>` of a URN, e.g. `kubernetes:core/v1:ConfigMap::shop-config` (parents left out). */
export function stepKey(urn: string): string {
    const parts = urn.split("::");
    const typeChain = parts[2].split("$");
    return `${typeChain[typeChain.length - 1]}::${parts.slice(3).join("::")}`;
}

function steps(preview: PreviewJson): PreviewStep[] {
    return (preview.steps ?? []) as PreviewStep[];
}

/** The operation of every step that is not `same`, by step key. */
export function changes(preview: PreviewJson): Record<string, string> {
    return Object.fromEntries(steps(preview).filter((s) => s.op !== "same").map((s) => [stepKey(s.urn), s.op]));
}

/** The step keys of every create, sorted, the stack itself left out. */
export function creates(preview: PreviewJson): string[] {
    return steps(preview)
        .filter((s) => s.op === "create" && !s.urn.includes("::pulumi:pulumi:Stack::"))
        .map((s) => stepKey(s.urn))
        .sort();
}

/** The property paths a step's detailed diff names, sorted. */
export function diffPaths(preview: PreviewJson, key: string): string[] {
    const step = steps(preview).find((s) => stepKey(s.urn) === key);
    if (!step) {
        throw new Error(`no step for ${key} in the preview`);
    }
    return Object.keys(step.detailedDiff ?? {}).sort();
}

/** Every form a secret value could take in JSON text: plain, and base64 as in a Secret's data. */
export function leakedSecrets(text: string, secrets: string[]): string[] {
    return secrets.filter((secret) => text.includes(secret) || text.includes(Buffer.from(secret).toString("base64")));
}

/** Where `berth review`'s tests look for a preview captured from the real engine. */
export const previewFixture = path.join(repoRoot, "tests", "fixtures", "preview-kubernetes.json");

/**
 * Keeps a real preview as the review fixture: written when missing or when
 * UPDATE_GOLDEN=1 (like the golden graphs), so an ordinary run leaves the
 * committed file alone. Returns whether it wrote the file.
 */
export function keepPreviewFixture(preview: PreviewJson): boolean {
    if (fs.existsSync(previewFixture) && process.env.UPDATE_GOLDEN !== "1") {
        return false;
    }
    fs.mkdirSync(path.dirname(previewFixture), { recursive: true });
    fs.writeFileSync(previewFixture, JSON.stringify(preview, null, 4) + "\n");
    return true;
}
