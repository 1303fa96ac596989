import { DockerApi } from "../engines/docker-api";
import { StackObject, stateString } from "../stack/components";
import { Workload } from "../stack/workloads";
import { DockerFrames } from "./docker-frames";
import { LineSplitter, LogLine, parseLogLine } from "./log-line";
import { LogRequest } from "./log-request";
import { sinceTime } from "./since";

/*
 * The logs of an app or job on Docker: every container of it in the state
 * (its replicas, their init containers and sidecars; by name when the id is
 * gone, as status finds them), each
 * through GET /containers/{id}/logs with timestamps, prefixed with the
 * container's name.
 */

interface Inspected {
    Id: string;
    Config: { Tty?: boolean };
}

export function dockerLogReader(api: DockerApi, workload: Workload) {
    return async (request: LogRequest, onLine: (line: LogLine) => void): Promise<string[]> => {
        const problems: string[] = [];
        await Promise.all(
            [...workload.running, ...workload.helpers].map(async (object) => {
                const problem = await containerLogs(api, object, request, onLine);
                if (problem !== undefined) {
                    problems.push(problem);
                }
            }),
        );
        return problems.sort();
    };
}

async function containerLogs(api: DockerApi, object: StackObject, request: LogRequest, onLine: (line: LogLine) => void): Promise<string | undefined> {
    const name = stateString(object, "name") ?? object.name;
    const container =
        (object.id === undefined ? undefined : await api.get<Inspected>(`/containers/${encodeURIComponent(object.id)}/json`)) ??
        (await api.get<Inspected>(`/containers/${encodeURIComponent(name)}/json`));
    if (container === undefined) {
        return `${name}: no such container on ${api.description} (removed out of band)`;
    }
    const query = new URLSearchParams({ stdout: "1", stderr: "1", timestamps: "1", follow: request.follow ? "1" : "0", tail: request.tail === undefined ? "all" : String(request.tail) });
    if (request.since !== undefined) {
        query.set("since", String(sinceTime(request.since, request.now).getTime() / 1000));
    }
    const stream = await api.stream(`/containers/${container.Id}/logs?${query}`, request.signal).catch((error: Error) => {
        if (error.name === "AbortError") {
            return undefined;
        }
        throw error;
    });
    if (stream === undefined) {
        return request.signal.aborted ? undefined : `${name}: no such container on ${api.description} (removed while reading)`;
    }
    const splitters = {
        stdout: new LineSplitter((line) => onLine(parseLogLine(name, line))),
        stderr: new LineSplitter((line) => onLine(parseLogLine(name, line))),
    };
    const frames = new DockerFrames((kind, payload) => splitters[kind].push(payload.toString("utf8")));
    await new Promise<void>((resolve) => {
        stream.on("data", (chunk: Buffer) => (container.Config.Tty ? splitters.stdout.push(chunk.toString("utf8")) : frames.push(chunk)));
        // An aborted --follow ends in "aborted"/"error"; either way the lines read so far stand.
        stream.on("end", resolve);
        stream.on("close", resolve);
        stream.on("error", () => resolve());
    });
    splitters.stdout.end();
    splitters.stderr.end();
    return undefined;
}
