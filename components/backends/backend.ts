import * as pulumi from "@pulumi/pulumi";
import type { ContainerAppSpec } from "../args/container-app";
import type { AutoscalingPolicySpec } from "../args/autoscaling-policy";
import type { ContainerJobSpec } from "../args/container-job";
import { AppModel } from "../model/app";
import { AutoscalingModel } from "../model/autoscaling";
import { ConfigModel } from "../model/config";
import { JobModel } from "../model/job";
import { NetworkModel, NetworkSettings } from "../model/network";
import { Tier } from "../stack/berth-settings";
import { Target } from "../stack/target";
import { Rule } from "../validation/rules";
import { Readiness } from "../validation/workload-roster";

/*
 * The contract every target implements (docker/, kubernetes/), one part per
 * kind of component. A component validates its args, builds its model and
 * hands it to the backend of its target (backendFor, in index.ts); it never
 * branches on the target itself. Everything a target knows lives behind this
 * contract: names on the target, target-only checks and warnings, and how a
 * model becomes provider resources.
 *
 * A new kind of workload (a job, a stateful app) is a model type (model/),
 * one more part here, and one implementation per target, each a short
 * render function over small builders with their own tests.
 */
export interface Backend {
    readonly target: Target;
    readonly network: NetworkBackend;
    readonly config: ConfigBackend;
    readonly app: AppBackend;
    readonly job: JobBackend;
    readonly autoscaling: AutoscalingBackend;
}

export interface NetworkBackend {
    /** The network's name on the target: the Docker network, or the Kubernetes namespace (`namespace` arg). */
    name(componentName: string, namespace: string | undefined): string;
    /**
     * Where the names of the network's objects must be unique, as a key: the
     * Docker network on its host, or the namespace on its cluster (which
     * several AppNetworks may adopt). `providerScope` names the host or cluster.
     */
    nameScope(networkName: string, providerScope: string): string;
    /** What the target cannot honour of the network; `explicit` holds the args the user set. */
    warnings(network: NetworkSettings, explicit: { podSecurity?: unknown }): string[];
    /** Registers the network's resources; returns its name as an output of what creates it. */
    render(network: NetworkSettings, parent: pulumi.Resource): pulumi.Output<string>;
}

export interface ConfigBackend {
    /** Whether the target's apps roll through the config hash (so it is worth computing and recording). */
    readonly rollsAppsByHash: boolean;
    /** Registers the config's resources, for the apps that use it. */
    render(config: ConfigModel, parent: pulumi.Resource): RenderedConfig;
}

/** What a config's resources tell the program: the Kubernetes object names, where there are such objects. */
export interface RenderedConfig {
    configMapName: pulumi.Output<string | undefined>;
    secretName: pulumi.Output<string | undefined>;
}

/** What a target's app (and job) rules read besides the args. */
export interface AppContext {
    name: string;
    /** What the workload is, as problems name it (`app "web"`, `job "migrate"`). */
    kind: "app" | "job";
    network: NetworkModel;
    tier: Tier;
    /** The Docker host or Kubernetes cluster the app deploys to (backends/provider-scope.ts). */
    providerScope: string;
}

export interface AppBackend {
    /** The name other apps on the network reach the app by. */
    host(app: AppModel): string;
    /** Checks and claims only this target has (e.g. Docker host ports), run with the app's other rules. */
    readonly rules: readonly Rule<ContainerAppSpec, AppContext>[];
    /** What the target cannot honour of the app. */
    warnings(app: AppModel): string[];
    /**
     * Called for each valid app when it is constructed, before any app renders: lets a target see every
     * app of a network (Docker: which allow networks each app joins).
     */
    declare(app: AppModel, parent: pulumi.Resource): void;
    /**
     * Registers the app's resources; `autoscaling`, when attached, owns the replica count.
     * Its workload waits for the readiness of `dependencies` (its dependsOn, in order).
     */
    render(app: AppModel, autoscaling: AutoscalingModel | undefined, parent: pulumi.Resource, dependencies: Readiness[]): Promise<RenderedApp>;
}

/** What a backend reports back about a rendered ContainerApp. */
export interface RenderedApp extends RenderedWorkload {
    /** Published or external URL, when the app has one. */
    url: pulumi.Input<string | undefined>;
}

/** What a backend reports back about a rendered app or job. */
export interface RenderedWorkload {
    /** Names of the objects created (containers, Deployment, Services, Job, ...), sorted. */
    resourceNames: pulumi.Input<string[]>;
    /** What the workload's dependents wait for. */
    readiness: Readiness;
}

export interface JobBackend {
    /** Checks only this target has, run with the job's other rules. */
    readonly rules: readonly Rule<ContainerJobSpec, AppContext>[];
    /** What the target cannot honour of the job. */
    warnings(job: JobModel): string[];
    /** Registers the job's resources, after the readiness of `dependencies`. */
    render(job: JobModel, parent: pulumi.Resource, dependencies: Readiness[]): Promise<RenderedWorkload>;
}

/** What a target's autoscaling rules read besides the policy's args. */
export interface PolicyContext {
    name: string;
    app: AppModel;
    tier: Tier;
}

export interface AutoscalingBackend {
    /** Checks only this target has, run with the policy's other rules. */
    readonly rules: readonly Rule<AutoscalingPolicySpec, PolicyContext>[];
    /** What the target cannot honour of the policy. */
    warnings(policy: AutoscalingModel): string[];
    /** Registers the policy's resources; returns the names of the objects created. */
    render(policy: AutoscalingModel, parent: pulumi.Resource): string[];
}
