import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { runScript } from "./tools";

/**
 * A local registry of tools/registry (Debian's docker-registry) on
 * 127.0.0.1, with basic auth or (for a node that pulls from it without
 * credentials) open: started by the suite in a state dir of its own, stopped
 * and removed by it. It answers what any registry answers over its HTTP API,
 * which is how the suites check what berth pushed.
 */
export class LocalRegistry {
    private constructor(
        private readonly dir: string,
        /** host:port */
        public readonly address: string,
        public readonly user?: string,
        public readonly password?: string,
    ) {}

    /** With a user and password the registry asks for them; without, anyone may push and pull. */
    static async start(user?: string, password?: string): Promise<LocalRegistry> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-registry-"));
        const port = await freePort(5055, 5099);
        const auth = user === undefined ? [] : ["--user", user];
        const output = runScript("tools/registry", ["start", "--dir", dir, "--port", String(port), ...auth], { BERTH_REGISTRY_PASSWORD: password ?? "" });
        const lines = output.trim().split("\n");
        return new LocalRegistry(dir, lines[lines.length - 1], user, password);
    }

    /** Stops the registry and removes what it stored. */
    stop(): void {
        runScript("tools/registry", ["stop", "--dir", this.dir, "--clean"]);
    }

    /** The tags of a repository (`GET /v2/<name>/tags/list`); none when it does not exist. */
    async tags(repository: string): Promise<string[]> {
        const { status, body } = await this.request("GET", `/v2/${repository}/tags/list`, {});
        if (status === 404) {
            return [];
        }
        if (status !== 200) {
            throw new Error(`GET tags of ${repository}: HTTP ${status} ${body}`);
        }
        return ((JSON.parse(body) as { tags?: string[] | null }).tags ?? []).sort();
    }

    /**
     * The digest the registry reports for a tag: HEAD on its manifest,
     * accepting the manifest types an engine pushes, answered in Docker-Content-Digest.
     */
    async digest(repository: string, tag: string): Promise<string> {
        const accept = [
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
        ].join(", ");
        const { status, headers } = await this.request("HEAD", `/v2/${repository}/manifests/${tag}`, { Accept: accept });
        const digest = headers["docker-content-digest"];
        if (status !== 200 || typeof digest !== "string") {
            throw new Error(`HEAD manifest ${repository}:${tag}: HTTP ${status}, no Docker-Content-Digest`);
        }
        return digest;
    }

    private request(method: string, urlPath: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
        const auth = this.user === undefined ? {} : { Authorization: `Basic ${Buffer.from(`${this.user}:${this.password}`).toString("base64")}` };
        return new Promise((resolve, reject) => {
            const request = http.request(`http://${this.address}${urlPath}`, { method, headers: { ...headers, ...auth }, timeout: 10_000 }, (response) => {
                let body = "";
                response.setEncoding("utf8");
                response.on("data", (chunk: string) => (body += chunk));
                response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
                response.on("error", reject);
            });
            request.on("timeout", () => request.destroy(new Error(`${method} ${urlPath} timed out`)));
            request.on("error", reject);
            request.end();
        });
    }
}

/** The first port in [from, to] nothing listens on at 127.0.0.1 (below the kernel's ephemeral range). */
async function freePort(from: number, to: number): Promise<number> {
    for (let port = from; port <= to; port++) {
        const free = await new Promise<boolean>((resolve) => {
            const server = net.createServer();
            server.once("error", () => resolve(false));
            server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
        });
        if (free) {
            return port;
        }
    }
    throw new Error(`no free port in ${from}-${to} on 127.0.0.1`);
}
