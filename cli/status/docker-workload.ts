import { dockerTypes } from "../../shared/type-tokens";
import { DockerApi } from "../engines/docker-api";
import { StackObject, stateString } from "../stack/components";
import { Workload } from "../stack/workloads";
import { ContainerInspect, ImageInspect, dockerObjectDrift, dockerObjectName } from "./docker-objects";
import { Drift, Health, ReplicaStatus, WorkloadStatus, appHealth } from "./workload-status";

/*
 * An app or job on Docker, as the engine has it: berth runs one container per
 * replica, so each container of the state is inspected (by id; by name when
 * the id is gone, which means it was recreated out of band). Ready means
 * running and, with a health check, healthy.
 */

/** One container of the state and what the engine has under its id or name. */
interface Observed {
    object: StackObject;
    name: string;
    live?: ContainerInspect;
    /** The live container is not the state's (same name, another id). */
    recreated: boolean;
}

export async function dockerWorkloadStatus(api: DockerApi, workload: Workload): Promise<WorkloadStatus> {
    const observed: Observed[] = [];
    for (const object of workload.running) {
        observed.push(await observeContainer(api, object));
    }
    // The state lists containers in the order they were created, which varies from one up to the next.
    observed.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    const helpers: Observed[] = [];
    for (const object of workload.helpers) {
        helpers.push(await observeContainer(api, object));
    }
    const drift: Drift[] = [...observed, ...helpers].flatMap(containerDrift);
    const image = await imageOf(api, workload);
    if (image.missing !== undefined) {
        drift.push(image.missing);
    }
    // The image was read above, with its digest.
    for (const object of workload.others.filter((o) => o.type !== dockerTypes.remoteImage)) {
        const found = await dockerObjectDrift(api, object);
        if (found !== undefined) {
            drift.push(found);
        }
    }
    const replicaStatuses = observed.map((replica) => withHelpers(replicaStatus(replica), helpers));
    const live = observed.filter((o) => o.live !== undefined);
    const replicas = {
        desired: observed.length,
        ready: replicaStatuses.filter((r) => r.ready).length,
        updated: live.filter((o) => !o.recreated && o.live!.Image === stateString(o.object, "image")).length,
    };
    const health = workload.kind === "job" ? jobHealth(observed) : appHealth(replicas, live.length);
    const created = live.map((o) => o.live!.Created).sort()[0];
    return {
        name: workload.component.name,
        component: workload.component.className,
        kind: workload.kind,
        target: "docker",
        location: api.host,
        image: image.image,
        imageDigest: image.imageDigest,
        imageId: image.imageId,
        replicas,
        health,
        message: problemOf(health, replicaStatuses),
        restarts: replicaStatuses.reduce((sum, r) => sum + r.restarts, 0),
        createdAt: created,
        drift,
        replicaStatuses,
    };
}

async function observeContainer(api: DockerApi, object: StackObject): Promise<Observed> {
    const name = stateString(object, "name") ?? object.name;
    const byId = object.id === undefined ? undefined : await api.get<ContainerInspect>(`/containers/${encodeURIComponent(object.id)}/json`);
    if (byId !== undefined) {
        return { object, name, live: byId, recreated: false };
    }
    const byName = await api.get<ContainerInspect>(`/containers/${encodeURIComponent(name)}/json`);
    return { object, name, live: byName, recreated: byName !== undefined };
}

function containerDrift(observed: Observed): Drift[] {
    const object = dockerObjectName(observed.object);
    if (observed.live === undefined) {
        return [{ object, problem: "missing", detail: "not on the engine (removed out of band)" }];
    }
    const drift: Drift[] = [];
    if (observed.recreated) {
        drift.push({ object, problem: "changed", detail: `recreated out of band (id ${shortId(observed.live.Id)}, the state has ${shortId(observed.object.id ?? "")})` });
    }
    const stateImage = stateString(observed.object, "image");
    if (stateImage !== undefined && observed.live.Image !== stateImage) {
        drift.push({ object, problem: "changed", detail: `runs image ${shortId(observed.live.Image)}, the state has ${shortId(stateImage)}` });
    }
    return drift;
}

function replicaStatus(observed: Observed): ReplicaStatus {
    const live = observed.live;
    if (live === undefined) {
        return { name: observed.name, state: "missing", ready: false, restarts: 0, message: "removed out of band", containers: [] };
    }
    const health = live.State.Health?.Status;
    const ready = live.State.Status === "running" && (health === undefined || health === "healthy");
    return {
        name: observed.name,
        state: live.State.Status,
        ready,
        ...(health === undefined ? {} : { health }),
        restarts: live.RestartCount,
        startedAt: live.State.StartedAt,
        ...(ready ? {} : { message: notReadyReason(live) }),
        containers: [observed.name],
    };
}

/**
 * A replica with its init containers and sidecars (`<replica>.<helper>`): it
 * is ready only while its sidecars run and no init container failed; their
 * restarts count as the replica's.
 */
function withHelpers(replica: ReplicaStatus, helpers: Observed[]): ReplicaStatus {
    const own = helpers.filter((h) => h.name.slice(0, h.name.lastIndexOf(".")) === replica.name);
    if (own.length === 0) {
        return replica;
    }
    const isSidecar = (h: Observed) => h.live?.HostConfig?.NetworkMode?.startsWith("container:") === true;
    const problems = own.flatMap((h) => {
        const state = h.live?.State;
        if (state === undefined) {
            return [`${h.name}: missing`];
        }
        const failed = isSidecar(h) ? state.Status !== "running" : state.Status === "exited" && state.ExitCode !== 0;
        return failed ? [`${isSidecar(h) ? "sidecar" : "init container"} ${h.name}: ${state.Status} (exit ${state.ExitCode})`] : [];
    });
    const ready = replica.ready && problems.length === 0;
    return {
        ...replica,
        ready,
        restarts: replica.restarts + own.reduce((sum, h) => sum + (h.live?.RestartCount ?? 0), 0),
        ...(ready ? {} : { message: replica.message ?? problems[0] }),
        containers: [...own.filter((h) => !isSidecar(h)).map((h) => h.name), replica.name, ...own.filter(isSidecar).map((h) => h.name)],
    };
}

/** Why a container is not ready: `restarting (exit 1)`, `exited (0)`, `unhealthy (3 failed checks)`. */
function notReadyReason(live: ContainerInspect): string {
    const state = live.State;
    if (state.Status === "running") {
        const streak = state.Health?.FailingStreak ?? 0;
        return state.Health?.Status === "starting" ? "health check starting" : `unhealthy (${streak} failed check${streak === 1 ? "" : "s"} in a row)`;
    }
    if (state.Status === "exited" || state.Status === "restarting" || state.Status === "dead") {
        return `${state.Status} (exit ${state.ExitCode})`;
    }
    return state.Status;
}

/** A job on Docker: its container ran to exit 0 (completed), to another status (failed), or still runs. */
function jobHealth(observed: Observed[]): Health {
    const live = observed.map((o) => o.live);
    if (live.every((l) => l === undefined)) {
        return "missing";
    }
    if (live.some((l) => l === undefined || (l.State.Status === "exited" && l.State.ExitCode !== 0) || l.State.Status === "dead")) {
        return "failed";
    }
    return live.every((l) => l!.State.Status === "exited") ? "completed" : "running";
}

/** The first replica's problem, naming it, and how many more have one. */
function problemOf(health: Health, replicas: ReplicaStatus[]): string | undefined {
    if (health === "healthy" || health === "completed" || health === "running") {
        return undefined;
    }
    const troubled = replicas.filter((r) => !r.ready);
    if (troubled.length === 0) {
        return undefined;
    }
    const more = troubled.length > 1 ? ` (and ${troubled.length - 1} more)` : "";
    return `${troubled[0].name}: ${troubled[0].message ?? troubled[0].state}${more}`;
}

/**
 * The image reference (from the state's image resource), its id, and its
 * repo digest when it came from a registry; drift when the engine lacks the
 * image the state has.
 */
async function imageOf(api: DockerApi, workload: Workload): Promise<{ image?: string; imageDigest?: string; imageId?: string; missing?: Drift }> {
    // The app's own image is `<app>-image`; its helpers' are `<app>.<helper>-image`.
    const images = workload.others.filter((o) => o.type === dockerTypes.remoteImage);
    const imageObject = images.find((o) => o.name === `${workload.component.name}-image`) ?? images.find((o) => !o.name.includes("."));
    const image = imageObject === undefined ? undefined : stateString(imageObject, "name");
    const imageId = imageObject === undefined ? stateString(workload.running[0], "image") : stateString(imageObject, "imageId");
    const live = imageId === undefined ? undefined : await api.get<ImageInspect>(`/images/${encodeURIComponent(imageId)}/json`);
    const repoDigest = (imageObject === undefined ? undefined : stateString(imageObject, "repoDigest")) ?? live?.RepoDigests?.[0];
    const digest = repoDigest?.includes("@") ? repoDigest.slice(repoDigest.indexOf("@") + 1) : undefined;
    const missing = imageObject !== undefined && imageId !== undefined && live === undefined ? { object: dockerObjectName(imageObject), problem: "missing" as const, detail: "not on the engine" } : undefined;
    return { image, imageDigest: digest, imageId, missing };
}

function shortId(id: string): string {
    return id.replace(/^sha256:/, "").slice(0, 12);
}
