/* docker-compose's side: bench/devloop/shop.compose.yml, its .env and config file in a work dir of the benchmark's own. */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CommandSpec, defaultGreeting, devApiToken, DevLoop } from "./dev-loop";
import { containersLabelled, ContainerSummary } from "./docker-api";

export const composeProject = "berth-devloop";

export class ComposeLoop implements DevLoop {
    readonly tool = "compose" as const;
    readonly shown: { up: string; down: string; change: string };
    private readonly composeFile: string;
    private readonly projectDir: string;

    constructor(root: string, workDir: string) {
        this.composeFile = path.join(root, "bench", "devloop", "shop.compose.yml");
        this.projectDir = path.join(workDir, "compose");
        fs.mkdirSync(this.projectDir, { recursive: true });
        const base = `docker-compose -f bench/devloop/shop.compose.yml --project-directory <dir> -p ${composeProject}`;
        this.shown = { up: `${base} up -d`, down: `${base} down`, change: "GREETING in .env and the config file beside it (a new name for the new content)" };
        // The file the compose secret api-token reads: the same bytes berth's upload writes (no newline), readable by the app's user as berth's is.
        fs.writeFileSync(path.join(this.projectDir, "api-token"), devApiToken, { mode: 0o644 });
        this.setGreeting(defaultGreeting);
    }

    up(): CommandSpec {
        return this.compose("up", "-d");
    }

    down(): CommandSpec {
        return this.compose("down");
    }

    /**
     * What a compose user does: the value in .env, the file it goes into under a
     * name carrying its content's hash, so compose recreates the containers that
     * mount it (berth replaces them too); the old file is left, as a user would.
     */
    setGreeting(greeting: string): void {
        const content = `greeting=${greeting}\n`;
        const file = `shop-${crypto.createHash("sha256").update(content).digest("hex").slice(0, 12)}.conf`;
        fs.writeFileSync(path.join(this.projectDir, file), content);
        fs.writeFileSync(path.join(this.projectDir, ".env"), `GREETING=${greeting}\nSHOP_CONF=${file}\n`);
    }

    restore(): void {
        this.setGreeting(defaultGreeting);
    }

    containers(): Promise<ContainerSummary[]> {
        return containersLabelled("com.docker.compose.project", composeProject);
    }

    private compose(...args: string[]): CommandSpec {
        return {
            command: "docker-compose",
            args: ["-f", this.composeFile, "--project-directory", this.projectDir, "-p", composeProject, ...args],
            cwd: this.projectDir,
            env: process.env,
        };
    }
}
