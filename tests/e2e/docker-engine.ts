import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { execFileSync, spawnSync } from "child_process";
import type { E2EStack } from "./stack";
import { repoRoot, runScript } from "./tools";

const dockerdScript = path.join(repoRoot, "tools", "docker", "dockerd");

/**
 * The local Docker engine of tools/docker/dockerd. A suite uses the one that
 * answers, or starts one and stops it again: never one it did not start.
 */
export class LocalDocker {
    private constructor(
        /** Whether this process started dockerd (and so must stop it). */
        public readonly startedHere: boolean,
    ) {}

    static ensure(): LocalDocker {
        // `status` exits 0 whenever an engine answers, whoever started it.
        if (spawnSync(dockerdScript, ["status"], { cwd: repoRoot, stdio: "ignore" }).status === 0) {
            return new LocalDocker(false);
        }
        runScript("tools/docker/dockerd", ["start"]);
        return new LocalDocker(true);
    }

    /** Stops dockerd if this process started it. */
    stopIfStartedHere(): void {
        if (this.startedHere) {
            runScript("tools/docker/dockerd", ["stop"]);
        }
    }
}

/** Builds berth-test/web:1, api:1 and cache:1 locally (a no-op when they are up to date). */
export function buildTestImages(): void {
    runScript("tools/docker/build-test-images", []);
}

/** Builds an image from a Dockerfile alone (no context), with the legacy builder, as tools/docker/build-test-images does. */
export function buildImage(tag: string, dockerfile: string): void {
    const result = spawnSync("docker", ["build", "--quiet", "--tag", tag, "-"], { input: dockerfile, encoding: "utf8", env: { ...process.env, DOCKER_BUILDKIT: "0" } });
    if (result.status !== 0) {
        throw new Error(`docker build ${tag} exited ${result.status}: ${result.stderr}`);
    }
}

/**
 * Installs the Docker provider plugin built by tools/provider-docker into
 * PULUMI_HOME when the version @pulumi/docker asks for is missing (the engine
 * would otherwise try to download it, which fails here).
 */
export function ensureDockerPlugin(): void {
    const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "docker", "package.json"), "utf8")) as { version: string }).version;
    const installed = JSON.parse(execFileSync("pulumi", ["plugin", "ls", "--json"], { encoding: "utf8" })) as Array<{ name: string; kind: string; version: string }>;
    if (installed.some((p) => p.kind === "resource" && p.name === "docker" && p.version === version)) {
        return;
    }
    const binary = path.join(process.env.BERTH_PROVIDER_DOCKER_BIN ?? "", "pulumi-resource-docker");
    if (!process.env.BERTH_PROVIDER_DOCKER_BIN || !fs.existsSync(binary)) {
        throw new Error(`the Docker provider plugin ${version} is not installed and tools/provider-docker has not built it: run tools/bootstrap`);
    }
    execFileSync("pulumi", ["plugin", "install", "resource", "docker", version, "--file", binary], { stdio: "ignore" });
}

/**
 * The stack's state as `pulumi stack export` writes it, secrets encrypted.
 * (E2EStack.exportedState goes through the Automation API, whose exportStack
 * adds --show-secrets, so every secret would be found in it.)
 */
export function encryptedState(stack: E2EStack): string {
    return execFileSync("pulumi", ["stack", "export", "--stack", stack.stack.name], {
        cwd: stack.projectDir,
        env: { ...process.env, ...stack.env },
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
    });
}

/** Runs the docker CLI and returns its trimmed stdout; throws with its stderr on failure. */
export function docker(...args: string[]): string {
    const result = spawnSync("docker", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) {
        throw new Error(`docker ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    }
    return result.stdout.trim();
}

/** Runs a shell script in a running container (as its user, with its env) and returns stdout. */
export function execIn(container: string, script: string): string {
    return docker("exec", container, "sh", "-c", script);
}

/** Runs a shell script in a running container and returns its exit status and output, failing or not. */
export function tryIn(container: string, script: string): { status: number | null; output: string } {
    const result = spawnSync("docker", ["exec", container, "sh", "-c", script], { encoding: "utf8" });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** One field of `docker inspect`, by Go template. */
export function inspect(container: string, template: string): string {
    return docker("inspect", "--format", template, container);
}

/** Names of the containers berth made for a network (running or not), sorted. */
export function containersOf(network: string): string[] {
    return lines(docker("ps", "-a", "--filter", `label=app.kubernetes.io/part-of=${network}`, "--format", "{{.Names}}")).sort();
}

/** Everything of a berth network still on the engine: containers, networks and volumes by label or name. */
export function leftoversOf(network: string): string[] {
    const label = `label=app.kubernetes.io/part-of=${network}`;
    const containers = new Set([
        ...containersOf(network),
        ...lines(docker("ps", "-a", "--filter", `name=^${network}-`, "--format", "{{.Names}}")),
    ]);
    const networks = new Set([
        ...lines(docker("network", "ls", "--filter", label, "--format", "{{.Name}}")),
        ...lines(docker("network", "ls", "--format", "{{.Name}}")).filter((name) => name === network),
    ]);
    const volumes = new Set([
        ...lines(docker("volume", "ls", "--filter", label, "--format", "{{.Name}}")),
        ...lines(docker("volume", "ls", "--format", "{{.Name}}")).filter((name) => name.startsWith(`${network}-`)),
    ]);
    return [
        ...[...containers].sort().map((c) => `container ${c}`),
        ...[...networks].sort().map((n) => `network ${n}`),
        ...[...volumes].sort().map((v) => `volume ${v}`),
    ];
}

/**
 * Removes what leftoversOf lists. Only for after() hooks of a suite that made
 * them (and checked beforehand that none existed), so that a failed destroy
 * does not leave them to the next run.
 */
export function removeLeftovers(network: string): void {
    for (const leftover of leftoversOf(network)) {
        const [kind, name] = leftover.split(" ");
        const args = kind === "container" ? ["rm", "-f", "-v", name] : [kind, "rm", name];
        spawnSync("docker", args, { stdio: "ignore" });
    }
}

/** GET on a published port; retried for a few seconds while the port's proxy comes up. */
export async function httpGet(url: string): Promise<{ status: number; body: string }> {
    const deadline = Date.now() + 10_000;
    for (;;) {
        try {
            return await getOnce(url);
        } catch (error) {
            if (Date.now() > deadline) {
                throw new Error(`GET ${url} failed: ${(error as Error).message}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }
}

function getOnce(url: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
        const request = http.get(url, { timeout: 5_000 }, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => (body += chunk));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
            response.on("error", reject);
        });
        request.on("timeout", () => request.destroy(new Error("timed out after 5 s")));
        request.on("error", reject);
    });
}

function lines(text: string): string[] {
    return text.split("\n").filter((line) => line.length > 0);
}
