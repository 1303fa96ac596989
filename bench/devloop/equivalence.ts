import type { Variant } from "./dev-loop";

/*
 * Whether berth and compose set up the same containers: `docker inspect` of
 * both, with what necessarily differs between two tools left out (each field
 * with its reason, printed on the results page), compared field by field.
 */

/** The files berth uploads into a container and compose bind-mounts; a secret one is compared by its hash. */
export const uploadedFiles: ReadonlyArray<{ path: string; secret: boolean }> = [
    { path: "/etc/shop/shop.conf", secret: false },
    { path: "/etc/shop/API_TOKEN", secret: true },
];
const uploadedPaths = uploadedFiles.map((f) => f.path);

/** Fields of `docker inspect` not compared, and why, for a variant of the loop. Everything else is. */
export function ignoredFields(variant: Variant): Array<[string, string]> {
    return [
        ...ignoredContainerFields,
        ...(variant === "built"
            ? [
                  [
                      "the id of web's image (Image), web being built from source, and the digest of the layer its build adds",
                      "each tool builds its own image from its own copy of the same source, and the directory a build copies into (/www) carries a time that differs from build to build " +
                          "(seen here: the base image's, or the time of the build), so two builds of the same source differ in that layer and in the image's id; compared instead: the image's other layers (RootFS.Layers, digests of their content), " +
                          "its config (Cmd, Entrypoint, Env, User, WorkingDir, ExposedPorts, Labels, Healthcheck, Volumes, StopSignal), and every file the build copies (/www) by path, mode, owner and SHA-256, read in each running container",
                  ] as [string, string],
              ]
            : []),
    ];
}

/** What an image is made of, for comparing two builds of the same source: the layers under the build's own, and its config. */
export function comparableImage(inspect: Record<string, unknown>): Record<string, unknown> {
    const config = (inspect.Config as Record<string, unknown> | null) ?? {};
    const keep = ["Cmd", "Entrypoint", "Env", "User", "WorkingDir", "ExposedPorts", "Labels", "Healthcheck", "Volumes", "StopSignal"];
    const layers = (inspect.RootFS as { Layers?: string[] } | null)?.Layers ?? [];
    return {
        // The build's own layer (the last) differs with the build's time; its files are compared one by one instead.
        BaseLayers: layers.slice(0, -1),
        Config: Object.fromEntries(keep.map((k) => [k, config[k]])),
    };
}

const ignoredContainerFields: ReadonlyArray<[string, string]> = [
    ["Id, Created, Name, State, Config.Hostname, paths and driver data, NetworkSettings beyond the networks", "per container: ids, names, times, addresses"],
    ["Config.Labels com.docker.compose.*", "compose's own bookkeeping"],
    ["HostConfig.NetworkMode", "berth's provider creates a container on the default bridge and moves it to the app network; compose creates it on that network. Both end on the same networks (Networks is compared)"],
    ["Config.Image", "the reference a container was made from: berth's is the image id, compose's the tag; the image itself (Image, its id) is compared"],
    [
        `HostConfig.Binds, and ${uploadedFiles.map((f) => f.path).join(" and ")} in Mounts, HostConfig.Mounts and Config.Volumes`,
        "berth uploads the config file and the API token file into the container, compose bind-mounts them (the token as a compose secret, a read-only bind mount outside swarm); " +
            "each file's content is compared instead, read in each running container (the token's as its SHA-256)",
    ],
    [
        "an app's own name among a container's aliases on a network other than the app's allow network (shop-to-<app>)",
        "compose gives every container its service's name as an alias on every network it joins, and no compose key removes it; berth gives it only on the app's allow network. " +
            "The alias on the allow network, and every other alias, is compared",
    ],
    ["the networks' Attachable", "compose marks its networks attachable, which means something only for swarm overlay networks"],
];


/** The comparable part of one container's `docker inspect`. */
export function comparableContainer(inspect: Record<string, unknown>): Record<string, unknown> {
    const config = inspect.Config as Record<string, unknown>;
    const host = { ...(inspect.HostConfig as Record<string, unknown>) };
    delete host.NetworkMode;
    delete host.Binds;
    host.Mounts = ((host.Mounts as Array<Record<string, unknown>> | null) ?? []).filter((m) => !uploadedPaths.includes(String(m.Target)));
    const shortId = String(inspect.Id).slice(0, 12);
    const app = ((config.Labels as Record<string, string> | null) ?? {})["app.kubernetes.io/name"];
    const networks = (inspect.NetworkSettings as { Networks: Record<string, Record<string, unknown>> }).Networks;
    return {
        Path: inspect.Path,
        Args: inspect.Args,
        Image: inspect.Image,
        Config: {
            ...withoutKeys(config, ["Hostname", "Labels", "Env", "Image", "Volumes"]),
            Volumes: withoutKeys((config.Volumes as Record<string, unknown> | null) ?? {}, uploadedPaths),
            Env: [...((config.Env as string[] | null) ?? [])].sort(),
            Labels: Object.fromEntries(Object.entries((config.Labels as Record<string, string> | null) ?? {}).filter(([k]) => !k.startsWith("com.docker.compose."))),
        },
        HostConfig: host,
        Mounts: ((inspect.Mounts as Array<Record<string, unknown>> | null) ?? []).filter((m) => !uploadedPaths.includes(String(m.Destination))),
        Networks: Object.fromEntries(
            Object.entries(networks).map(([name, endpoint]) => [
                name,
                {
                    Aliases: ((endpoint.Aliases as string[] | null) ?? []).filter((a) => a !== shortId && (a !== app || name === allowNetworkOf(app))).sort(),
                    IPAMConfig: endpoint.IPAMConfig,
                    Links: endpoint.Links,
                    DriverOpts: endpoint.DriverOpts,
                },
            ]),
        ),
    };
}

/** The comparable part of a network's `docker network inspect`. */
export function comparableNetwork(inspect: Record<string, unknown>): Record<string, unknown> {
    const ipam = inspect.IPAM as Record<string, unknown>;
    return {
        Name: inspect.Name,
        Driver: inspect.Driver,
        Internal: inspect.Internal,
        EnableIPv6: inspect.EnableIPv6,
        Ingress: inspect.Ingress,
        Options: inspect.Options,
        IPAM: { Driver: ipam.Driver, Options: ipam.Options },
        Labels: Object.fromEntries(Object.entries((inspect.Labels as Record<string, string> | null) ?? {}).filter(([k]) => !k.startsWith("com.docker.compose."))),
    };
}

/** The shop's network (shop.compose.yml names it as berth does). */
export const networkName = "shop";

/** The allow network an app answers on (berth's `<network>-to-<app>`). */
export function allowNetworkOf(app: string): string {
    return `${networkName}-to-${app}`;
}

/** Whether a network is one of the shop's: its shared bridge or an allow network. */
export function isShopNetwork(name: string): boolean {
    return name === networkName || name.startsWith(`${networkName}-to-`);
}

/** One tool's stack as compared: each app's containers, the networks, the uploaded files each container sees. */
export interface StackSnapshot {
    /** App name (label app.kubernetes.io/name) to its containers' comparable inspects, sorted. */
    apps: Record<string, Array<Record<string, unknown>>>;
    /** Network name to its comparable inspect. */
    networks: Record<string, Record<string, unknown>>;
    /** App name to, for each of its containers, the uploaded files it has (path and content, or a secret's hash), sorted. */
    files: Record<string, string[]>;
}

/** Every difference between the two snapshots, as "path: berth … / compose …"; empty when they match. */
export function snapshotDifferences(berth: StackSnapshot, compose: StackSnapshot): string[] {
    const differences: string[] = [];
    diff("networks", berth.networks, compose.networks, differences);
    diff("uploaded files", berth.files, compose.files, differences);
    const apps = [...new Set([...Object.keys(berth.apps), ...Object.keys(compose.apps)])].sort();
    for (const app of apps) {
        const ours = berth.apps[app] ?? [];
        const theirs = compose.apps[app] ?? [];
        if (ours.length !== theirs.length) {
            differences.push(`app ${app}: berth has ${ours.length} container(s), compose ${theirs.length}`);
            continue;
        }
        ours.forEach((container, index) => diff(`app ${app} container ${index}`, container, theirs[index], differences));
    }
    return differences;
}

/** Sorts containers by their canonical JSON, so replicas line up whatever their creation order. */
export function sortedContainers(containers: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
    return [...containers].sort((a, b) => canonical(a).localeCompare(canonical(b)));
}

function diff(where: string, a: unknown, b: unknown, out: string[]): void {
    a = emptyAsNull(a);
    b = emptyAsNull(b);
    if (isObject(a) && isObject(b)) {
        for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
            diff(`${where}.${key}`, a[key], b[key], out);
        }
        return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
        a.forEach((item, index) => diff(`${where}[${index}]`, item, (b as unknown[])[index], out));
        return;
    }
    if (canonical(a) !== canonical(b)) {
        out.push(`${where}: berth ${canonical(a)} / compose ${canonical(b)}`);
    }
}

/** null, undefined, [] and {} all mean "not set" to the engine. */
function emptyAsNull(value: unknown): unknown {
    if (value === undefined || value === null) {
        return null;
    }
    if (Array.isArray(value) && value.length === 0) {
        return null;
    }
    if (isObject(value) && Object.keys(value).length === 0) {
        return null;
    }
    return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, v: unknown) =>
        isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
    ) ?? "null";
}

function withoutKeys(object: Record<string, unknown>, keys: string[]): Record<string, unknown> {
    return Object.fromEntries(Object.entries(object).filter(([k]) => !keys.includes(k)));
}
