import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import { EngineUnreachableError } from "./engine-errors";

/*
 * A small client of the Docker Engine API: GETs of JSON and of streams, over
 * the unix socket or TCP (with the TLS files of the provider's certPath), as
 * the stack's Docker provider reaches the engine. berth status and logs only
 * read, so this is all they need; a Docker library would bring a dozen
 * packages for these two requests.
 */

/** The default engine, as for the docker CLI and the Docker provider. */
export const defaultDockerHost = "unix:///var/run/docker.sock";

/** A request that reached the engine and got an error answer other than 404. */
export class DockerApiError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

/** Where a host setting (`docker:host`, DOCKER_HOST) points: request options for Node's http(s). */
export function connectionOf(host: string, certPath?: string): { options: http.RequestOptions; tls: boolean } {
    const url = new URL(host);
    switch (url.protocol) {
        case "unix:":
            return { options: { socketPath: url.pathname }, tls: false };
        case "tcp:":
        case "http:":
        case "https:": {
            const tls = url.protocol === "https:" || certPath !== undefined;
            const port = url.port || (tls ? "2376" : "2375");
            const files = certPath === undefined ? {} : tlsFiles(certPath);
            return { options: { host: url.hostname, port, ...files }, tls };
        }
        default:
            throw new EngineUnreachableError(`the Docker engine at ${host}`, `berth reads ${url.protocol}// hosts only through unix://, tcp:// or https://; pass --docker-host with one of those`);
    }
}

/** ca.pem, cert.pem and key.pem in the provider's certPath, as the docker CLI reads them. */
function tlsFiles(certPath: string): https.RequestOptions {
    const read = (file: string) => fs.readFileSync(path.join(certPath, file));
    return { ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") };
}

/** The Engine API of one Docker host. */
export class DockerApi {
    private readonly connection: { options: http.RequestOptions; tls: boolean };

    constructor(
        /** The host as configured (`unix:///var/run/docker.sock`); errors name it. */
        readonly host: string,
        certPath?: string,
    ) {
        this.connection = connectionOf(host, certPath);
    }

    /** What the engine is, for messages: "the Docker engine at unix:///var/run/docker.sock". */
    get description(): string {
        return `the Docker engine at ${this.host}`;
    }

    /** GET of a JSON answer; undefined when the engine answers 404 (no such object). */
    async get<T>(requestPath: string): Promise<T | undefined> {
        const response = await this.request(requestPath);
        const body = await readAll(response);
        if (response.statusCode === 404) {
            return undefined;
        }
        if (response.statusCode !== 200) {
            throw new DockerApiError(response.statusCode ?? 0, `${this.description}: GET ${requestPath}: ${response.statusCode} ${engineMessage(body)}`);
        }
        return JSON.parse(body.toString("utf8")) as T;
    }

    /**
     * GET of a stream (logs): the response, to be read as it comes; undefined
     * on 404. Aborting the signal closes it.
     */
    async stream(requestPath: string, signal?: AbortSignal): Promise<http.IncomingMessage | undefined> {
        const response = await this.request(requestPath, signal);
        if (response.statusCode === 404) {
            response.resume();
            return undefined;
        }
        if (response.statusCode !== 200) {
            const body = await readAll(response);
            throw new DockerApiError(response.statusCode ?? 0, `${this.description}: GET ${requestPath}: ${response.statusCode} ${engineMessage(body)}`);
        }
        return response;
    }

    private request(requestPath: string, signal?: AbortSignal): Promise<http.IncomingMessage> {
        const send = this.connection.tls ? https.request : http.request;
        return new Promise((resolve, reject) => {
            const request = send({ ...this.connection.options, path: requestPath, method: "GET", headers: { Host: "docker" }, signal }, resolve);
            request.setTimeout(30_000, () => request.destroy(new Error("no answer within 30 s")));
            request.on("error", (error: NodeJS.ErrnoException) => {
                reject(error.name === "AbortError" ? error : new EngineUnreachableError(this.description, unreachableReason(error)));
            });
            request.end();
        });
    }
}

/** Why a connection failed, in words a person acts on. */
function unreachableReason(error: NodeJS.ErrnoException): string {
    switch (error.code) {
        case "ENOENT":
            return "no such socket: is dockerd running? (start Docker, or pass --docker-host)";
        case "ECONNREFUSED":
            return "connection refused: is dockerd running? (start Docker, or pass --docker-host)";
        case "EACCES":
            return "permission denied on the socket: run as a member of the docker group, or as root";
        default:
            return error.message;
    }
}

/** The engine's error answer is `{"message": "..."}`. */
function engineMessage(body: Buffer): string {
    try {
        return (JSON.parse(body.toString("utf8")) as { message?: string }).message ?? body.toString("utf8");
    } catch {
        return body.toString("utf8").trim();
    }
}

function readAll(response: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(Buffer.concat(chunks)));
        response.on("error", reject);
    });
}
