/* What the benchmark needs of a tool that runs the shop's dev stack: berth (`npm run dev`) or docker-compose. */
import { ContainerSummary } from "./docker-api";

export type Tool = "berth" | "compose";

/**
 * What the loop changes between the no-op and the change step:
 * `config`, one config value (issue 20); `built`, one source file of web, which is built from source (issue 17).
 */
export type Variant = "config" | "built";

/** A command as the benchmark spawns it. */
export interface CommandSpec {
    command: string;
    args: string[];
    cwd: string;
    env: NodeJS.ProcessEnv;
}

export interface DevLoop {
    readonly tool: Tool;
    readonly variant: Variant;
    /** Brings the stack up, or applies what changed; returns once the tool itself returns. */
    up(): CommandSpec;
    /** Takes the stack down: containers and networks. */
    down(): CommandSpec;
    /** The change step's edit, made the way a user of the tool makes it. */
    change(round: number): void;
    /** Puts back what change did. */
    restore(): void;
    /** Leaves the checkout as it was before the benchmark (the variant's own setup too). */
    close(): void;
    /** The stack's containers on the engine, running or not. */
    containers(): Promise<ContainerSummary[]>;
    /** The command lines as a user types them, for the results page. */
    readonly shown: { up: string; down: string; change: string };
}

/** The apps whose containers the change step replaces (sorted, comma-separated), in both tools. */
export const changedApps: Record<Variant, string> = { config: "api,web", built: "web" };

/** The shop's greeting when the stack config sets none (examples/shop/index.ts). */
export const defaultGreeting = "hello from berth";

/** The API token of a dev stack that sets none (examples/shop/index.ts's stand-in), which berth writes to /etc/shop/API_TOKEN. */
export const devApiToken = "dev-only-token";

/** The shop's containers: cache, two api replicas, web. */
export const expectedContainers = 4;
