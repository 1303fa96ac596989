/* berth's side: `npm run dev` on the shop's dev stack, as a user runs it, with a state dir and file backend of the benchmark's own. */
import * as fs from "fs";
import * as path from "path";
import { CommandSpec, DevLoop } from "./dev-loop";
import { containersLabelled, ContainerSummary } from "./docker-api";

/** The key a user sets to change the shop's greeting (examples/shop/index.ts reads it with loadStackConfig). */
const greetingKey = "berth-shop:greeting";

export class BerthLoop implements DevLoop {
    readonly tool = "berth" as const;
    readonly shown = {
        up: "npm run dev",
        down: "npm run dev -- --destroy",
        change: `${greetingKey} added to Pulumi.dev.yaml`,
    };
    private readonly stackFile: string;
    private readonly original: string;
    private readonly env: NodeJS.ProcessEnv;

    constructor(private readonly root: string, workDir: string) {
        this.stackFile = path.join(root, "Pulumi.dev.yaml");
        this.original = fs.readFileSync(this.stackFile, "utf8");
        if (this.original.includes(greetingKey)) {
            throw new Error(`${this.stackFile} already sets ${greetingKey}; the benchmark changes that key itself`);
        }
        const state = path.join(workDir, "berth");
        fs.mkdirSync(path.join(state, "pulumi-state"), { recursive: true });
        // The knobs tools/dev documents, so the benchmark's stack is its own and not ~/.berth's.
        this.env = {
            ...process.env,
            BERTH_DEV_STATE: state,
            PULUMI_BACKEND_URL: `file://${path.join(state, "pulumi-state")}`,
            PULUMI_CONFIG_PASSPHRASE: "",
        };
    }

    up(): CommandSpec {
        return { command: "npm", args: ["run", "dev"], cwd: this.root, env: this.env };
    }

    down(): CommandSpec {
        return { command: "npm", args: ["run", "dev", "--", "--destroy"], cwd: this.root, env: this.env };
    }

    /** What a user does: sets the key in Pulumi.dev.yaml (`pulumi config set` would write the same line). */
    setGreeting(greeting: string): void {
        const text = this.original.endsWith("\n") ? this.original : `${this.original}\n`;
        fs.writeFileSync(this.stackFile, `${text}  ${greetingKey}: ${JSON.stringify(greeting)}\n`);
    }

    restore(): void {
        fs.writeFileSync(this.stackFile, this.original);
    }

    /** berth's containers are named <network>-<app>-<replica>; compose's carry the same berth labels, so tell them apart. */
    async containers(): Promise<ContainerSummary[]> {
        const labelled = await containersLabelled("app.kubernetes.io/part-of", "shop");
        return labelled.filter((c) => c.Labels["com.docker.compose.project"] === undefined && c.Names.some((n) => /^\/shop-(cache|api|web)-\d+$/.test(n)));
    }
}
