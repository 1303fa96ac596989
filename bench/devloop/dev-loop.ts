/* What the benchmark needs of a tool that runs the shop's dev stack: berth (`npm run dev`) or docker-compose. */
import { ContainerSummary } from "./docker-api";

export type Tool = "berth" | "compose";

/** A command as the benchmark spawns it. */
export interface CommandSpec {
    command: string;
    args: string[];
    cwd: string;
    env: NodeJS.ProcessEnv;
}

export interface DevLoop {
    readonly tool: Tool;
    /** Brings the stack up, or applies what changed; returns once the tool itself returns. */
    up(): CommandSpec;
    /** Takes the stack down: containers and network. */
    down(): CommandSpec;
    /** Sets the shop's greeting (a value of its AppConfig, in env and in a file) the way a user of the tool would. */
    setGreeting(greeting: string): void;
    /** Puts back whatever setGreeting changed. */
    restore(): void;
    /** The stack's containers on the engine, running or not. */
    containers(): Promise<ContainerSummary[]>;
    /** The command lines as a user types them, for the results page. */
    readonly shown: { up: string; down: string; change: string };
}

/** The shop's greeting when the stack config sets none (examples/shop/index.ts). */
export const defaultGreeting = "hello from berth";

/** The API token of a dev stack that sets none (examples/shop/index.ts's stand-in), which berth writes to /etc/shop/API_TOKEN. */
export const devApiToken = "dev-only-token";

/** The shop's containers: cache, two api replicas, web. */
export const expectedContainers = 4;
