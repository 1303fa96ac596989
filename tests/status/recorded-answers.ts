import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";

/*
 * Answers of a real engine (the local dockerd, the local API server),
 * recorded by the e2e suites (tests/e2e/engine-recorder.ts) next to the
 * stack's state, and served again by ReplayServer so berth status and logs
 * run, unchanged, against what the engine once said. A request that was not
 * recorded fails loudly (HTTP 599), so a fixture cannot silently answer for a
 * request it never saw.
 */

export interface RecordedAnswer {
    method: string;
    /** The request path with its query, as sent. */
    path: string;
    status: number;
    contentType?: string;
    /** The body as text, or base64 for a binary body (Docker's multiplexed logs). */
    body?: string;
    base64?: string;
}

/** A fixture: the stack's exported state and the engine's answers to what berth asked. */
export interface EngineRecording {
    /** What was recorded, how, and when. */
    about: string;
    recordedAt: string;
    target: "docker" | "kubernetes";
    /** `pulumi stack export` of the stack (secrets encrypted). */
    state: unknown;
    answers: RecordedAnswer[];
}

export const statusFixturesDir = path.resolve(__dirname, "..", "..", "..", "tests", "fixtures", "status");

export function readRecording(name: string): EngineRecording {
    return JSON.parse(fs.readFileSync(path.join(statusFixturesDir, `${name}.json`), "utf8")) as EngineRecording;
}

/** Serves recorded answers in the order they were recorded, per request; the last one again when they run out. */
export class ReplayServer {
    private readonly queues = new Map<string, RecordedAnswer[]>();
    readonly unanswered: string[] = [];

    private constructor(
        private readonly server: http.Server,
        /** `unix:///tmp/.../docker.sock` or `http://127.0.0.1:<port>`. */
        readonly address: string,
        private readonly cleanup: () => void,
        answers: RecordedAnswer[],
    ) {
        for (const answer of answers) {
            const key = `${answer.method} ${answer.path}`;
            this.queues.set(key, [...(this.queues.get(key) ?? []), answer]);
        }
        server.on("request", (request: http.IncomingMessage, response: http.ServerResponse) => this.answer(request, response));
    }

    /** A Docker engine on a unix socket of its own. */
    static async docker(recording: EngineRecording): Promise<ReplayServer> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-replay-"));
        const socket = path.join(dir, "docker.sock");
        const server = http.createServer();
        await new Promise<void>((resolve) => server.listen(socket, resolve));
        return new ReplayServer(server, `unix://${socket}`, () => fs.rmSync(dir, { recursive: true, force: true }), recording.answers);
    }

    /** A Kubernetes API server on loopback, plain HTTP, with a kubeconfig naming it. */
    static async kubernetes(recording: EngineRecording): Promise<ReplayServer & { kubeconfig: string }> {
        const server = http.createServer();
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const port = (server.address() as { port: number }).port;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-replay-"));
        const kubeconfig = path.join(dir, "kubeconfig");
        fs.writeFileSync(kubeconfig, replayKubeconfig(`http://127.0.0.1:${port}`));
        const replay = new ReplayServer(server, `http://127.0.0.1:${port}`, () => fs.rmSync(dir, { recursive: true, force: true }), recording.answers);
        return Object.assign(replay, { kubeconfig });
    }

    async close(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
        this.cleanup();
    }

    private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
        const key = `${request.method} ${request.url}`;
        const queue = this.queues.get(key);
        if (queue === undefined) {
            this.unanswered.push(key);
            response.writeHead(599, { "Content-Type": "text/plain" });
            response.end(`not recorded: ${key}`);
            return;
        }
        const answer = queue.length > 1 ? queue.shift()! : queue[0];
        response.writeHead(answer.status, answer.contentType === undefined ? {} : { "Content-Type": answer.contentType });
        response.end(answer.base64 !== undefined ? Buffer.from(answer.base64, "base64") : (answer.body ?? ""));
    }
}

/** A kubeconfig for a server without authentication (the replay), current context "replay". */
export function replayKubeconfig(server: string): string {
    return [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: replay",
        "  cluster:",
        `    server: ${server}`,
        // @kubernetes/client-node refuses plain HTTP unless TLS verification is off (there is no TLS to verify).
        "    insecure-skip-tls-verify: true",
        "users:",
        "- name: replay",
        "  user: {}",
        "contexts:",
        "- name: replay",
        "  context:",
        "    cluster: replay",
        "    user: replay",
        "current-context: replay",
        "",
    ].join("\n");
}
