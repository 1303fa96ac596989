import * as pulumi from "@pulumi/pulumi";
import { appConfigSchema } from "../../components/args/app-config";
import { containerAppSchema } from "../../components/args/container-app";
import { containerJobSchema } from "../../components/args/container-job";
import { JobModel, jobModel } from "../../components/model/job";
import { AppModel, appModel } from "../../components/model/app";
import { AutoscalingModel } from "../../components/model/autoscaling";
import { ConfigContents, ConfigModel, configModel } from "../../components/model/config";
import { NetworkModel } from "../../components/model/network";

/*
 * Models for the builders' tests, made the way the components make them:
 * args as a user writes them, parsed by the real schema (which fills the
 * defaults), then the real model builder. No program, no mocks.
 */

export function network(overrides: Partial<NetworkModel> = {}): NetworkModel {
    return {
        name: "shop",
        target: "kubernetes",
        internal: false,
        createNamespace: true,
        defaultDenyIngress: true,
        defaultDenyEgress: false,
        podSecurity: "restricted",
        labels: {},
        skipAwait: false,
        nameScope: "test shop",
        ref: pulumi.output("shop"),
        ...overrides,
    };
}

/** An app's model from its args (image and network filled in). */
export function app(args: Record<string, unknown> = {}, options: { name?: string; network?: NetworkModel } = {}): AppModel {
    const net = options.network ?? network();
    const spec = containerAppSchema.parse({ network: { networkModel: net }, image: "registry.example.com/shop/web:1.4.2", ...args });
    return appModel(options.name ?? "web", spec, { target: net.target, network: net, tier: "dev", skipAwait: false });
}

/** A job's model from its args (image and network filled in). */
export function job(args: Record<string, unknown> = {}, options: { name?: string; network?: NetworkModel } = {}): JobModel {
    const net = options.network ?? network();
    const spec = containerJobSchema.parse({ network: { networkModel: net }, image: "registry.example.com/shop/migrate:1.0.0", ...args });
    return jobModel(options.name ?? "migrate", spec, { target: net.target, network: net, tier: "dev", skipAwait: false });
}

/** A config's model from its args; as an arg of an app: `{ configModel }`. */
export function config(name: string, args: Record<string, unknown> = {}, net: NetworkModel = network()): ConfigModel {
    const spec = appConfigSchema.parse({ network: { networkModel: net }, ...args });
    return configModel(name, spec, { target: net.target, network: net, defaultProvider: true });
}

/** Contents as a config classifies them. */
export function contents(parts: Partial<ConfigContents> = {}): ConfigContents {
    return { plainFiles: {}, secretFiles: {}, plainValues: {}, secretValues: {}, ...parts };
}

/** A policy's model for an app. */
export function policy(app: AppModel, overrides: Partial<AutoscalingModel> = {}): AutoscalingModel {
    const name = `${app.name}-scaling`;
    return { name, declaredBy: `AutoscalingPolicy "${name}"`, inline: false, target: app.target, app, minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, ...overrides };
}
