/* Reads one tool's running stack off the engine, in the form equivalence.ts compares. */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import { DevLoop } from "./dev-loop";
import { inspectContainer, inspectImage, inspectNetwork, networkNames } from "./docker-api";
import { comparableContainer, comparableImage, comparableNetwork, isShopNetwork, sortedContainers, StackSnapshot, uploadedFiles } from "./equivalence";
import { builtApp } from "./web-source";

export async function takeSnapshot(loop: DevLoop): Promise<StackSnapshot> {
    const apps: Record<string, Array<Record<string, unknown>>> = {};
    const files: Record<string, string[]> = {};
    for (const summary of await loop.containers()) {
        const app = summary.Labels["app.kubernetes.io/name"] ?? "(no app label)";
        const inspect = await inspectContainer(summary.Id);
        const comparable = comparableContainer(inspect);
        if (loop.variant === "built" && app === builtApp) {
            // Each tool builds its own image: compared by what is in it, not by its id.
            comparable.Image = comparableImage(await inspectImage(String(inspect.Image)));
            comparable.BuiltFiles = builtFilesOf(summary.Id);
            // For the log: the copied-into directory's time, which is why the build's own layer is not compared.
            const stamp = spawnSync("docker", ["exec", summary.Id, "stat", "-c", "%y", "/www"], { encoding: "utf8" }).stdout.trim();
            process.stderr.write(`${loop.tool} ${app}: /www modified ${stamp}, image ${String(inspect.Image).slice(7, 19)}\n`);
        }
        (apps[app] ??= []).push(comparable);
        const seen = uploadedFilesOf(summary.Id);
        if (seen !== "") {
            (files[app] ??= []).push(seen);
        }
    }
    for (const app of Object.keys(apps)) {
        apps[app] = sortedContainers(apps[app]);
        files[app]?.sort();
    }
    const networks: Record<string, Record<string, unknown>> = {};
    for (const name of (await shopNetworks()).sort()) {
        const network = await inspectNetwork(name);
        if (network) {
            networks[name] = comparableNetwork(network);
        }
    }
    return { apps, networks, files };
}

/** The shop's networks on the engine (only one tool's stack is up at a time). */
export async function shopNetworks(): Promise<string[]> {
    return (await networkNames()).filter(isShopNetwork);
}

/** Every file under the directory web's build copies into (/www): path, mode, owner, SHA-256, one line each. */
function builtFilesOf(container: string): string[] {
    const script = 'find /www -type f | sort | while read -r f; do echo "$f $(stat -c "%a %u:%g" "$f") $(sha256sum < "$f" | cut -d" " -f1)"; done';
    const result = spawnSync("docker", ["exec", container, "sh", "-c", script], { encoding: "utf8" });
    if (result.status !== 0) {
        throw new Error(`could not list the built files of ${container}: ${result.stderr.trim()}`);
    }
    return result.stdout.trim().split("\n");
}

/** The uploaded files as the app sees them, one line each ("path: content", a secret's as its hash); empty when it has none. */
function uploadedFilesOf(container: string): string {
    const lines: string[] = [];
    for (const file of uploadedFiles) {
        const result = spawnSync("docker", ["exec", container, "cat", file.path], { encoding: "utf8" });
        if (result.status === 0) {
            const content = file.secret ? `sha256 ${crypto.createHash("sha256").update(result.stdout).digest("hex")}` : JSON.stringify(result.stdout);
            lines.push(`${file.path}: ${content}`);
        }
    }
    return lines.join("\n");
}
