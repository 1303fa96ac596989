/* docker-compose's side: bench/devloop/shop.compose.yml, its .env and config file in a work dir of the benchmark's own. */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CommandSpec, defaultGreeting, devApiToken, DevLoop, Variant } from "./dev-loop";
import { containersLabelled, ContainerSummary } from "./docker-api";
import { WebSource } from "./web-source";

export const composeProject = "berth-devloop";
/** The tag compose gives web's build (shop.built.compose.yml). */
const builtImage = "berth-devloop-web:src";

export class ComposeLoop implements DevLoop {
    readonly tool = "compose" as const;
    readonly shown: { up: string; down: string; change: string };
    private readonly composeFiles: string[];
    private readonly projectDir: string;
    private readonly source?: WebSource;

    constructor(root: string, workDir: string, readonly variant: Variant) {
        const here = path.join(root, "bench", "devloop");
        this.composeFiles = [path.join(here, "shop.compose.yml"), ...(variant === "built" ? [path.join(here, "shop.built.compose.yml")] : [])];
        this.projectDir = path.join(workDir, "compose");
        fs.mkdirSync(this.projectDir, { recursive: true });
        // The file the compose secret api-token reads: the same bytes berth's upload writes (no newline), readable by the app's user as berth's is.
        fs.writeFileSync(path.join(this.projectDir, "api-token"), devApiToken, { mode: 0o644 });
        if (variant === "built") {
            this.source = new WebSource(root, path.join(this.projectDir, "web-src"));
        }
        const files = this.composeFiles.map((f) => `-f bench/devloop/${path.basename(f)}`).join(" ");
        const base = `docker-compose ${files} --project-directory <dir> -p ${composeProject}`;
        this.shown = {
            up: `${base} up -d${variant === "built" ? " --build" : ""}`,
            down: `${base} down`,
            change:
                variant === "built"
                    ? "the same line added to www/index.html of web's source (its own copy of examples/build/web, which shop.built.compose.yml builds)"
                    : "GREETING in .env and the config file beside it (a new name for the new content)",
        };
        this.restore();
    }

    up(): CommandSpec {
        return this.variant === "built" ? this.compose("up", "-d", "--build") : this.compose("up", "-d");
    }

    down(): CommandSpec {
        return this.compose("down");
    }

    change(round: number): void {
        if (this.source) {
            this.source.edit(round);
        } else {
            this.setGreeting(`hello from round ${round}`);
        }
    }

    restore(): void {
        this.setGreeting(defaultGreeting);
        this.source?.restore();
    }

    /** Removes the image compose built (berth's provider removes its own on destroy). */
    close(): void {
        if (this.variant === "built") {
            spawnSync("docker", ["image", "rm", builtImage], { stdio: "ignore" });
        }
    }

    containers(): Promise<ContainerSummary[]> {
        return containersLabelled("com.docker.compose.project", composeProject);
    }

    /**
     * What a compose user does: the value in .env, the file it goes into under a
     * name carrying its content's hash, so compose recreates the containers that
     * mount it (berth replaces them too); the old file is left, as a user would.
     */
    private setGreeting(greeting: string): void {
        const content = `greeting=${greeting}\n`;
        const file = `shop-${crypto.createHash("sha256").update(content).digest("hex").slice(0, 12)}.conf`;
        fs.writeFileSync(path.join(this.projectDir, file), content);
        fs.writeFileSync(path.join(this.projectDir, ".env"), `GREETING=${greeting}\nSHOP_CONF=${file}\n`);
    }

    private compose(...args: string[]): CommandSpec {
        return {
            command: "docker-compose",
            args: [...this.composeFiles.flatMap((f) => ["-f", f]), "--project-directory", this.projectDir, "-p", composeProject, ...args],
            cwd: this.projectDir,
            env: process.env,
        };
    }
}
