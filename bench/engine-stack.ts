import * as childProcess from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Variant } from "./systems";

/** What one timed CLI command cost: the pulumi process and everything it waited for (language host, program, provider). */
export interface CommandCost {
    wallMs: number;
    cpuMs: number;
    /** Largest resident set of any one process of the tree, MiB. */
    maxRssMiB: number;
}

/**
 * A throwaway stack of the real-engine benchmark project: a file backend in a
 * temp dir, passphrase secrets, plain config. Commands are timed with GNU
 * time, which reports the CPU of the whole process tree the CLI waited for.
 */
export class EngineStack {
    private constructor(
        private readonly projectDir: string,
        private readonly backendDir: string,
        public readonly name: string,
    ) {}

    static create(projectDir: string, variant: Variant, config: Record<string, string>): EngineStack {
        const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-state-"));
        const stack = new EngineStack(projectDir, backendDir, `bench-${variant}`);
        stack.pulumi(["stack", "init", stack.name, "--secrets-provider", "passphrase"]);
        stack.pulumi(["config", "set-all", ...Object.entries(config).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]), "--stack", stack.name]);
        return stack;
    }

    /** Runs a pulumi command under GNU time; throws with its output when it fails (unless it may fail). */
    timed(args: string[]): CommandCost & { exitCode: number } {
        const timeFile = path.join(this.backendDir, "time.txt");
        const result = childProcess.spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", "-o", timeFile, "pulumi", ...args, "--stack", this.name, "--non-interactive"], {
            cwd: this.projectDir,
            env: this.env(),
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
        });
        const [wall, user, system, rssKiB] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
        if (result.status !== 0 && !args.includes("--expect-no-changes")) {
            throw new Error(`pulumi ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
        }
        return { wallMs: wall * 1000, cpuMs: (user + system) * 1000, maxRssMiB: rssKiB / 1024, exitCode: result.status ?? -1 };
    }

    /** Provider resources (what the engine created) and berth's component resources in the stack's state. */
    resourceCounts(): { provider: number; component: number } {
        const state = JSON.parse(this.pulumi(["stack", "export", "--stack", this.name])) as { deployment: { resources?: Array<{ type: string; custom?: boolean }> } };
        const resources = state.deployment.resources ?? [];
        return {
            provider: resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).length,
            component: resources.filter((r) => r.type.startsWith("berth:")).length,
        };
    }

    /** Destroys what the stack deployed and removes it and its backend. */
    dispose(): void {
        try {
            this.pulumi(["destroy", "--yes", "--skip-preview", "--non-interactive", "--stack", this.name]);
            this.pulumi(["stack", "rm", "--yes", "--stack", this.name]);
        } finally {
            fs.rmSync(path.join(this.projectDir, `Pulumi.${this.name}.yaml`), { force: true });
            fs.rmSync(this.backendDir, { recursive: true, force: true });
        }
    }

    private pulumi(args: string[]): string {
        return childProcess.execFileSync("pulumi", args, { cwd: this.projectDir, env: this.env(), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    }

    private env(): NodeJS.ProcessEnv {
        return {
            ...process.env,
            PULUMI_BACKEND_URL: `file://${this.backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: "berth-bench",
            PULUMI_SKIP_UPDATE_CHECK: "1",
        };
    }
}
