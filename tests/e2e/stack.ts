import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFile } from "child_process";
import { promisify } from "util";
import { parse } from "yaml";
import { ConfigMap, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";

const execFileAsync = promisify(execFile);

/**
 * A throwaway stack of a real project on disk, driven by the real engine:
 * `e2e-<base>` (or a name of the suite's own, `e2e-...`, so that suites
 * running at once in one project never share a stack file) with the config of
 * Pulumi.<base>.yaml plus overrides, on a local file backend in a temp dir,
 * passphrase secrets. Its stack file (Pulumi.e2e-*.yaml, git-ignored) and
 * backend are removed by dispose() or, for a stack that deployed nothing, remove().
 */
export class E2EStack {
    private constructor(
        public readonly stack: Stack,
        public readonly projectDir: string,
        private readonly backendDir: string,
        public readonly env: Record<string, string>,
    ) {}

    static async create(projectDir: string, base: string, overrides: ConfigMap = {}, stackName = `e2e-${base}`): Promise<E2EStack> {
        const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-state-"));
        const env = {
            PULUMI_BACKEND_URL: `file://${backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: "berth-e2e",
            PULUMI_SKIP_UPDATE_CHECK: "1",
        };
        fs.rmSync(path.join(projectDir, `Pulumi.${stackName}.yaml`), { force: true });
        const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: projectDir }, { envVars: env });
        const config: ConfigMap = {};
        const baseConfig = (parse(fs.readFileSync(path.join(projectDir, `Pulumi.${base}.yaml`), "utf8"))?.config ?? {}) as Record<string, unknown>;
        for (const [key, value] of Object.entries(baseConfig)) {
            config[key] = { value: typeof value === "string" ? value : JSON.stringify(value) };
        }
        await stack.setAllConfig({ ...config, ...overrides }, false);
        return new E2EStack(stack, projectDir, backendDir, env);
    }

    /** `pulumi preview --json`, parsed (the JSON the review tool reads). */
    async previewJson(): Promise<PreviewJson> {
        const { stdout } = await execFileAsync("pulumi", ["preview", "--json", "--stack", this.stack.name, "--non-interactive"], {
            cwd: this.projectDir,
            env: { ...process.env, ...this.env },
            maxBuffer: 256 * 1024 * 1024,
        }).catch((error: { stdout?: string; stderr?: string }) => {
            throw new Error(`pulumi preview --json failed: ${error.stderr ?? ""}\n${error.stdout ?? ""}`);
        });
        return JSON.parse(stdout) as PreviewJson;
    }

    /**
     * The stack's exported state as text, secrets encrypted as the backend
     * stores them (for searching it for plaintext secrets). Not the Automation
     * API's exportStack, which adds --show-secrets.
     */
    async exportedState(): Promise<string> {
        const { stdout } = await execFileAsync("pulumi", ["stack", "export", "--stack", this.stack.name], {
            cwd: this.projectDir,
            env: { ...process.env, ...this.env },
            maxBuffer: 256 * 1024 * 1024,
        });
        return stdout;
    }

    /** Destroys what the stack deployed, then removes it; a failed destroy is what gets reported. */
    async dispose(): Promise<void> {
        try {
            await this.stack.destroy({ color: "never" });
        } finally {
            await this.remove().catch(() => undefined);
        }
    }

    /** Removes the stack, its stack file and its backend. */
    async remove(): Promise<void> {
        try {
            await this.stack.workspace.removeStack(this.stack.name);
        } finally {
            fs.rmSync(path.join(this.projectDir, `Pulumi.${this.stack.name}.yaml`), { force: true });
            fs.rmSync(this.backendDir, { recursive: true, force: true });
        }
    }
}

/** The parts of `pulumi preview --json` the tests read. */
export interface PreviewJson {
    steps?: Array<{ op: string; urn: string; diffReasons?: string[]; replaceReasons?: string[] }>;
    changeSummary?: Record<string, number>;
    diagnostics?: Array<{ message: string; severity: string; urn?: string }>;
}

/** Counts preview steps by operation, ignoring `same`. */
export function changedOps(preview: PreviewJson): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const step of preview.steps ?? []) {
        if (step.op !== "same") {
            counts[step.op] = (counts[step.op] ?? 0) + 1;
        }
    }
    return counts;
}
