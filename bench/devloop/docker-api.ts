/* The Docker Engine API over its unix socket: cheap enough to poll every 100 ms without a CLI process per look. */
import * as http from "http";

/** One row of GET /containers/json. */
export interface ContainerSummary {
    Id: string;
    Names: string[];
    State: string;
    /** e.g. "Up 3 seconds (health: starting)", "Up 12 seconds (healthy)". */
    Status: string;
    Labels: Record<string, string>;
}

/** The socket of DOCKER_HOST (unix:// only), else the default one. */
export function dockerSocket(): string {
    const host = process.env.DOCKER_HOST;
    if (host === undefined || host === "") {
        return "/var/run/docker.sock";
    }
    if (host.startsWith("unix://")) {
        return host.slice("unix://".length);
    }
    throw new Error(`DOCKER_HOST=${host}: the benchmark talks to a local engine over its unix socket only`);
}

/** GET a path of the engine's API and parse the JSON answer; undefined on 404. */
export function dockerGet<T>(path: string): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
        const request = http.get({ socketPath: dockerSocket(), path, timeout: 10_000 }, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => (body += chunk));
            response.on("end", () => {
                if (response.statusCode === 404) {
                    resolve(undefined);
                } else if (response.statusCode !== 200) {
                    reject(new Error(`docker API GET ${path}: ${response.statusCode} ${body.trim()}`));
                } else {
                    resolve(JSON.parse(body) as T);
                }
            });
            response.on("error", reject);
        });
        request.on("timeout", () => request.destroy(new Error(`docker API GET ${path} timed out`)));
        request.on("error", reject);
    });
}

/** Every container (running or not) carrying the label `key=value`. */
export async function containersLabelled(key: string, value: string): Promise<ContainerSummary[]> {
    const filters = encodeURIComponent(JSON.stringify({ label: [`${key}=${value}`] }));
    return (await dockerGet<ContainerSummary[]>(`/containers/json?all=true&filters=${filters}`)) ?? [];
}

/** `docker inspect` of one container. */
export async function inspectContainer(id: string): Promise<Record<string, unknown>> {
    const found = await dockerGet<Record<string, unknown>>(`/containers/${encodeURIComponent(id)}/json`);
    if (found === undefined) {
        throw new Error(`no container ${id}`);
    }
    return found;
}

/** `docker image inspect` of one image. */
export async function inspectImage(id: string): Promise<Record<string, unknown>> {
    const found = await dockerGet<Record<string, unknown>>(`/images/${encodeURIComponent(id)}/json`);
    if (found === undefined) {
        throw new Error(`no image ${id}`);
    }
    return found;
}

/** `docker network inspect`, or undefined when there is no such network. */
export function inspectNetwork(name: string): Promise<Record<string, unknown> | undefined> {
    return dockerGet<Record<string, unknown>>(`/networks/${encodeURIComponent(name)}`);
}

/** The names of every network on the engine. */
export async function networkNames(): Promise<string[]> {
    return ((await dockerGet<Array<{ Name: string }>>("/networks")) ?? []).map((n) => n.Name);
}
