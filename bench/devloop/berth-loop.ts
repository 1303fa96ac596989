/* berth's side: `npm run dev` on the shop's dev stack, as a user runs it, with a state dir and file backend of the benchmark's own. */
import * as fs from "fs";
import * as path from "path";
import { CommandSpec, DevLoop, Variant } from "./dev-loop";
import { containersLabelled, ContainerSummary } from "./docker-api";
import { WebSource } from "./web-source";

/** The key a user sets to change the shop's greeting (examples/shop/index.ts reads it with loadStackConfig). */
const greetingKey = "berth-shop:greeting";
/** The key that builds web from a source directory (examples/shop/index.ts). */
const sourceKey = "berth-shop:webSource";

export class BerthLoop implements DevLoop {
    readonly tool = "berth" as const;
    readonly shown: { up: string; down: string; change: string };
    private readonly stackFile: string;
    /** Pulumi.dev.yaml as the checkout has it. */
    private readonly original: string;
    /** Pulumi.dev.yaml as the variant runs it (built: web from the source below). */
    private readonly base: string;
    private readonly source?: WebSource;
    private readonly env: NodeJS.ProcessEnv;

    constructor(private readonly root: string, workDir: string, readonly variant: Variant) {
        this.stackFile = path.join(root, "Pulumi.dev.yaml");
        this.original = fs.readFileSync(this.stackFile, "utf8");
        for (const key of [greetingKey, sourceKey]) {
            if (this.original.includes(key)) {
                throw new Error(`${this.stackFile} already sets ${key}; the benchmark sets that key itself`);
            }
        }
        const state = path.join(workDir, "berth");
        fs.mkdirSync(path.join(state, "pulumi-state"), { recursive: true });
        if (variant === "built") {
            this.source = new WebSource(root, path.join(state, "web-src"));
            this.base = withKey(this.original, sourceKey, this.source.dir);
        } else {
            this.base = this.original;
        }
        this.shown = {
            up: "npm run dev",
            down: "npm run dev -- --destroy",
            change:
                variant === "built"
                    ? `one line added to www/index.html of web's source (a copy of examples/build/web, which ${sourceKey} in Pulumi.dev.yaml names)`
                    : `${greetingKey} added to Pulumi.dev.yaml`,
        };
        // The knobs tools/dev documents, so the benchmark's stack is its own and not ~/.berth's.
        this.env = {
            ...process.env,
            BERTH_DEV_STATE: state,
            PULUMI_BACKEND_URL: `file://${path.join(state, "pulumi-state")}`,
            PULUMI_CONFIG_PASSPHRASE: "",
        };
        this.restore();
    }

    up(): CommandSpec {
        return { command: "npm", args: ["run", "dev"], cwd: this.root, env: this.env };
    }

    down(): CommandSpec {
        return { command: "npm", args: ["run", "dev", "--", "--destroy"], cwd: this.root, env: this.env };
    }

    /** What a user does: sets the key in Pulumi.dev.yaml (`pulumi config set` would write the same line), or edits web's source. */
    change(round: number): void {
        if (this.source) {
            this.source.edit(round);
        } else {
            fs.writeFileSync(this.stackFile, withKey(this.base, greetingKey, `hello from round ${round}`));
        }
    }

    restore(): void {
        fs.writeFileSync(this.stackFile, this.base);
        this.source?.restore();
    }

    close(): void {
        fs.writeFileSync(this.stackFile, this.original);
    }

    /** berth's containers are named <network>-<app>-<replica>; compose's carry the same berth labels, so tell them apart. */
    async containers(): Promise<ContainerSummary[]> {
        const labelled = await containersLabelled("app.kubernetes.io/part-of", "shop");
        return labelled.filter((c) => c.Labels["com.docker.compose.project"] === undefined && c.Names.some((n) => /^\/shop-(cache|api|web)-\d+$/.test(n)));
    }
}

/** The stack file with one more key under `config:` (the file's last section). */
function withKey(stackFile: string, key: string, value: string): string {
    const text = stackFile.endsWith("\n") ? stackFile : `${stackFile}\n`;
    return `${text}  ${key}: ${JSON.stringify(value)}\n`;
}
