import { dockerTypes } from "../../shared/type-tokens";
import { DockerApi } from "../engines/docker-api";
import { StackObject, stateString } from "../stack/components";
import { Drift } from "./workload-status";

/*
 * Docker objects of the state and what the engine holds of them: the Engine
 * API's answers berth status reads (only the fields it uses are typed), and
 * the presence check of the objects that run nothing (networks, volumes,
 * images).
 */

/** GET /containers/{id}/json. Config.Env is in the answer; berth never reads or prints it. */
export interface ContainerInspect {
    Id: string;
    Name: string;
    Created: string;
    /** The image id the container runs. */
    Image: string;
    RestartCount: number;
    /** `container:<id>` for a sidecar, which shares its replica's network namespace. */
    HostConfig?: { NetworkMode?: string };
    State: {
        Status: string;
        Running: boolean;
        ExitCode: number;
        StartedAt: string;
        Health?: { Status: string; FailingStreak: number };
    };
}

/** GET /images/{id}/json. */
export interface ImageInspect {
    Id: string;
    RepoTags?: string[] | null;
    RepoDigests?: string[] | null;
}

/** How a Docker object is named in drift: `Container shop-api-1`. */
export function dockerObjectName(object: StackObject): string {
    const kind = object.type.slice(object.type.lastIndexOf(":") + 1);
    return `${kind} ${stateString(object, "name") ?? object.name}`;
}

/** The API path that reads a Docker object of the state, by its type; undefined for a type berth does not read. */
function inspectPath(object: StackObject): string | undefined {
    const ref = (key: string) => encodeURIComponent(stateString(object, key) ?? object.id ?? "");
    switch (object.type) {
        case dockerTypes.container:
            return `/containers/${encodeURIComponent(object.id ?? "")}/json`;
        case dockerTypes.network:
            return `/networks/${encodeURIComponent(object.id ?? "")}`;
        case dockerTypes.volume:
            return `/volumes/${ref("name")}`;
        case dockerTypes.remoteImage:
            return `/images/${ref("imageId")}/json`;
        default:
            return undefined;
    }
}

/** Drift of one object that runs nothing: missing when the engine lacks it; undefined when present or not read. */
export async function dockerObjectDrift(api: DockerApi, object: StackObject): Promise<Drift | undefined> {
    const path = inspectPath(object);
    if (path === undefined) {
        return undefined;
    }
    const found = await api.get<unknown>(path);
    return found === undefined ? { object: dockerObjectName(object), problem: "missing", detail: "not on the engine" } : undefined;
}
