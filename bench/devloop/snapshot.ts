/* Reads one tool's running stack off the engine, in the form equivalence.ts compares. */
import { spawnSync } from "child_process";
import { DevLoop } from "./dev-loop";
import { inspectContainer, inspectNetwork } from "./docker-api";
import { comparableContainer, comparableNetwork, sortedContainers, StackSnapshot } from "./equivalence";

/** The shop's network, the same name in both (shop.compose.yml names it). */
export const networkName = "shop";

export async function takeSnapshot(loop: DevLoop): Promise<StackSnapshot> {
    const apps: Record<string, Array<Record<string, unknown>>> = {};
    const configFiles: Record<string, string[]> = {};
    for (const summary of await loop.containers()) {
        const app = summary.Labels["app.kubernetes.io/name"] ?? "(no app label)";
        (apps[app] ??= []).push(comparableContainer(await inspectContainer(summary.Id)));
        const file = configFileOf(summary.Id);
        if (file !== undefined) {
            (configFiles[app] ??= []).push(file);
        }
    }
    for (const app of Object.keys(apps)) {
        apps[app] = sortedContainers(apps[app]);
        configFiles[app]?.sort();
    }
    const network = await inspectNetwork(networkName);
    return { apps, network: network && comparableNetwork(network), configFiles };
}

/** The config file as the app sees it, or undefined when the container has none. */
function configFileOf(container: string): string | undefined {
    const result = spawnSync("docker", ["exec", container, "cat", "/etc/shop/shop.conf"], { encoding: "utf8" });
    return result.status === 0 ? result.stdout : undefined;
}
