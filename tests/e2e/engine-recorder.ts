import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { EngineRecording, RecordedAnswer, replayKubeconfig, statusFixturesDir } from "../status/recorded-answers";

/*
 * Records what a real engine answers to berth status and logs: a proxy in
 * front of the local dockerd (a unix socket of its own) or the local API
 * server (plain HTTP on loopback, which adds the kubeconfig's client
 * certificate), forwarding every request and keeping every answer. The unit
 * tests replay them (tests/status/recorded-answers.ts). Containers' env is
 * redacted before a recording is written: it may hold secrets.
 */

export class EngineRecorder {
    readonly answers: RecordedAnswer[] = [];

    private constructor(
        private readonly server: http.Server,
        /** Where berth should point: `unix://...` or `http://127.0.0.1:<port>`. */
        readonly address: string,
        /** A kubeconfig naming the proxy (Kubernetes only). */
        readonly kubeconfig: string | undefined,
        private readonly dir: string,
    ) {}

    /** A proxy of the Docker engine at `socketPath`. */
    static async docker(socketPath = "/var/run/docker.sock"): Promise<EngineRecorder> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-record-"));
        const socket = path.join(dir, "docker.sock");
        const recorder: EngineRecorder = new EngineRecorder(
            http.createServer((request, response) => recorder.forward(request, response, (options, answer) => http.request({ ...options, socketPath }, answer))),
            `unix://${socket}`,
            undefined,
            dir,
        );
        await new Promise<void>((resolve) => recorder.server.listen(socket, resolve));
        return recorder;
    }

    /** A proxy of the API server of a kubeconfig's current context (client-certificate auth, as tools/cluster writes it). */
    static async kubernetes(kubeconfigFile: string): Promise<EngineRecorder> {
        const config = parse(fs.readFileSync(kubeconfigFile, "utf8"));
        const context = config.contexts.find((c: { name: string }) => c.name === config["current-context"]).context;
        const cluster = config.clusters.find((c: { name: string }) => c.name === context.cluster).cluster;
        const user = config.users.find((u: { name: string }) => u.name === context.user).user;
        const decode = (data: string) => Buffer.from(data, "base64");
        const server = new URL(cluster.server);
        const tls = { ca: decode(cluster["certificate-authority-data"]), cert: decode(user["client-certificate-data"]), key: decode(user["client-key-data"]) };
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-record-"));
        let recorder: EngineRecorder | undefined;
        const proxy = http.createServer((request, response) =>
            recorder!.forward(request, response, (options, answer) => https.request({ ...options, host: server.hostname, port: server.port, ...tls }, answer)),
        );
        await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
        const address = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
        const kubeconfig = path.join(dir, "kubeconfig");
        fs.writeFileSync(kubeconfig, replayKubeconfig(address));
        recorder = new EngineRecorder(proxy, address, kubeconfig, dir);
        return recorder;
    }

    /**
     * Writes the recording as tests/fixtures/status/<name>.json when it is
     * missing or UPDATE_GOLDEN=1 (so an ordinary e2e run leaves it alone);
     * returns whether it wrote it.
     */
    save(name: string, about: string, target: "docker" | "kubernetes", stateText: string): boolean {
        const file = path.join(statusFixturesDir, `${name}.json`);
        if (fs.existsSync(file) && process.env.UPDATE_GOLDEN !== "1") {
            return false;
        }
        const recording: EngineRecording = { about, recordedAt: new Date().toISOString(), target, state: JSON.parse(stateText), answers: this.answers.map(redacted) };
        fs.mkdirSync(statusFixturesDir, { recursive: true });
        fs.writeFileSync(file, `${JSON.stringify(recording, null, 1)}\n`);
        return true;
    }

    /** Forgets what was recorded so far (to record one scene per fixture). */
    clear(): void {
        this.answers.length = 0;
    }

    async close(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private forward(
        request: http.IncomingMessage,
        response: http.ServerResponse,
        send: (options: http.RequestOptions, answer: (upstream: http.IncomingMessage) => void) => http.ClientRequest,
    ): void {
        const headers = { ...request.headers };
        delete headers.host;
        const upstream = send({ path: request.url, method: request.method, headers }, (answer) => {
            const chunks: Buffer[] = [];
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.on("data", (chunk: Buffer) => {
                chunks.push(chunk);
                response.write(chunk);
            });
            answer.on("end", () => {
                response.end();
                this.answers.push(recordedAnswer(request, answer, Buffer.concat(chunks)));
            });
        });
        upstream.on("error", (error) => {
            response.writeHead(502);
            response.end(error.message);
        });
        request.pipe(upstream);
    }
}

function recordedAnswer(request: http.IncomingMessage, answer: http.IncomingMessage, body: Buffer): RecordedAnswer {
    const contentType = answer.headers["content-type"];
    // Docker's log streams come without a content type: binary frames, kept as base64.
    const text = contentType !== undefined && /json|text/.test(contentType);
    return {
        method: request.method ?? "GET",
        path: request.url ?? "",
        status: answer.statusCode ?? 0,
        ...(contentType === undefined ? {} : { contentType }),
        ...(text ? { body: body.toString("utf8") } : { base64: body.toString("base64") }),
    };
}

/** A container's env may hold secrets: its values are replaced before the answer is written down. */
function redacted(answer: RecordedAnswer): RecordedAnswer {
    if (answer.body === undefined || !/^\/(v[\d.]+\/)?containers\/[^/]+\/json/.test(answer.path) || answer.status !== 200) {
        return answer;
    }
    const container = JSON.parse(answer.body) as { Config?: { Env?: string[] } };
    if (container.Config?.Env !== undefined) {
        container.Config.Env = container.Config.Env.map((entry) => `${entry.split("=")[0]}=<redacted by the recorder>`);
    }
    return { ...answer, body: JSON.stringify(container) };
}
