import { z } from "zod";
import { AppModel } from "../model/app";
import { ConfigModel } from "../model/config";
import { NetworkModel } from "../model/network";

/*
 * Args that are other berth components (a network, a config, an app). They
 * are checked by shape, so the schemas stay free of the component classes,
 * and read through the model each component carries.
 */

/** An AppNetwork. */
export const networkRef = z.custom<{ networkModel: NetworkModel }>(
    (value) => typeof value === "object" && value !== null && "networkModel" in value,
    { error: () => "must be an AppNetwork" },
);

/** An AppConfig. */
export const configRef = z.custom<{ configModel: ConfigModel }>(
    (value) => typeof value === "object" && value !== null && "configModel" in value,
    { error: () => "must be an AppConfig" },
);

/** A ContainerApp. */
export const appRef = z.custom<{ appModel: AppModel }>(
    (value) => typeof value === "object" && value !== null && "appModel" in value,
    { error: () => "must be a ContainerApp" },
);

/**
 * The problem with an explicit `target` arg that differs from the target of
 * what the component belongs to (its network, its app). Read from the raw
 * args, so it is reported together with every other problem of the args.
 */
export function targetMismatchProblem(args: unknown, ownerField: string, ownerModel: string, ownerKind: string): string | undefined {
    if (typeof args !== "object" || args === null) {
        return undefined;
    }
    const explicit = (args as Record<string, unknown>).target;
    const owner = ((args as Record<string, unknown>)[ownerField] as Record<string, unknown> | undefined)?.[ownerModel] as
        | { name: string; target: string }
        | undefined;
    if ((explicit !== "docker" && explicit !== "kubernetes") || owner === undefined || explicit === owner.target) {
        return undefined;
    }
    return `target is "${explicit}" but ${ownerKind} "${owner.name}" is on "${owner.target}"`;
}
