import { z } from "zod";
import { AppModel } from "../model/app";
import { AutoscalingModel } from "../model/autoscaling";
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

/** What an AutoscalingPolicy needs of its app: its model, and taking over its replica count. */
export interface ScalableApp {
    appModel: AppModel;
    /** Why a policy cannot take over the app's replica count now (it has one, or the app is deployed). */
    autoscalingProblems(policyName: string): string[];
    attachAutoscaling(policy: AutoscalingModel): void;
}

/** A ContainerApp. */
export const appRef = z.custom<ScalableApp>(
    (value) =>
        typeof value === "object" &&
        value !== null &&
        "appModel" in value &&
        typeof (value as Partial<ScalableApp>).autoscalingProblems === "function" &&
        typeof (value as Partial<ScalableApp>).attachAutoscaling === "function",
    { error: () => "must be a ContainerApp" },
);
