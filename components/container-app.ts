import * as pulumi from "@pulumi/pulumi";
import { argDefaults } from "./args/defaults";
import { RenderedApp } from "./backends/backend";
import { AppModel } from "./model/app";
import { AutoscalingModel } from "./model/autoscaling";
import { replicaTierFindings, secretEnvTierWarnings } from "./stack/tiers";
import { secretEnvNames } from "./backends/app-env";
import { validateContainerApp } from "./validation/container-app";
import { notRendered, renderWhenReady } from "./validation/workload-rendering";
import { Findings } from "./validation/rules";
import type { AppNetwork } from "./app-network";
import type { AppConfig } from "./app-config";
import type { DependencyArgs } from "./dependency";
import type { HelperContainerArgs } from "./helper-container";
import type { AppAutoscalingArgs } from "./autoscaling";

export interface PortArgs {
    /**
     * Port name (IANA service name: at most 15 lower-case letters, digits, '-').
     * @default "port-<port>"
     */
    name?: string;
    /** Port the container listens on. */
    port: number;
    /**
     * Publish the port outside the network. Docker: this host port on 127.0.0.1.
     * Kubernetes: this port on the Service `<app>-public` that `publishAs` chooses.
     * @default not published (reachable on the network only)
     */
    publish?: number;
    /**
     * "tcp" or "udp".
     * @default {@link argDefaults.port.protocol}
     */
    protocol?: string;
}

export interface HttpCheckArgs {
    /** Path to GET; must start with "/". A 2xx or 3xx answer is healthy. */
    path: string;
    /** Port to GET it on. */
    port: number;
}

export interface TcpCheckArgs {
    /** Port that must accept a connection. */
    port: number;
}

export interface HealthCheckArgs {
    /** An HTTP GET check. Set exactly one of http, tcp and command. */
    http?: HttpCheckArgs;
    /** A TCP connect check. */
    tcp?: TcpCheckArgs;
    /** A command run in the container; exit code 0 is healthy. */
    command?: string[];
    /**
     * Seconds between checks.
     * @default {@link argDefaults.healthCheck.intervalSeconds}
     */
    intervalSeconds?: number;
    /**
     * Seconds before a check counts as failed.
     * @default {@link argDefaults.healthCheck.timeoutSeconds}
     */
    timeoutSeconds?: number;
    /**
     * Consecutive failures before the app counts as unhealthy.
     * @default {@link argDefaults.healthCheck.failureThreshold}
     */
    failureThreshold?: number;
    /**
     * Seconds after start before checks count.
     * @default {@link argDefaults.healthCheck.initialDelaySeconds}
     */
    initialDelaySeconds?: number;
    /**
     * Kubernetes: consecutive failures before the container is restarted (its liveness probe). More than
     * failureThreshold, so a brief overload takes the app out of its Service before anything restarts it.
     * Docker never restarts an unhealthy container.
     * @default twice failureThreshold
     */
    livenessFailureThreshold?: number;
    /**
     * Seconds a slow starter may take to pass its first check. Kubernetes: a startup probe; readiness and
     * liveness begin once it passes. Docker: added to the health check's start period.
     * @default no startup allowance beyond initialDelaySeconds
     */
    startupSeconds?: number;
}

export interface ResourceAmountsArgs {
    /** CPU, e.g. "250m", "0.5", "2". */
    cpu?: string;
    /** Memory, e.g. "256Mi", "1Gi". */
    memory?: string;
}

export interface ResourcesArgs {
    /**
     * What the app is guaranteed (and what autoscaling utilisation is measured against).
     * @default none
     */
    requests?: ResourceAmountsArgs;
    /**
     * What the app may use at most.
     * @default none
     */
    limits?: ResourceAmountsArgs;
}

export interface VolumeArgs {
    /** Volume name, unique in the app; at most 56 characters (Kubernetes names the pod volume `volume-<name>`). */
    name: string;
    /** Where it is mounted in the container. */
    mountPath: string;
    /**
     * Keep the data across container restarts and replacements: the app becomes a
     * stateful app, each replica with a volume of its own (Docker named volume per
     * replica; Kubernetes StatefulSet with a PersistentVolumeClaim per replica).
     * @default {@link argDefaults.volume.persistent} (ephemeral: tmpfs / emptyDir)
     */
    persistent?: boolean;
    /**
     * Size of a persistent volume.
     * @default {@link argDefaults.volume.size}
     */
    size?: string;
    /**
     * Mount read-only.
     * @default {@link argDefaults.volume.readOnly}
     */
    readOnly?: boolean;
}

export interface ConfigMountArgs {
    /** The AppConfig to use. */
    config: AppConfig;
    /**
     * Directory where the config's files appear.
     * @default the files are not mounted
     */
    mountPath?: string;
    /**
     * Expose the config's values and secrets as env vars (the app's own env wins on a clash).
     * @default {@link argDefaults.configMount.env}
     */
    env?: boolean;
    /**
     * Deliver the config's secrets as files only, one per secret named by its key under `mountPath`
     * (which it needs), never as env vars: env vars show in `docker inspect`, crash reports and child processes.
     * @default {@link argDefaults.configMount.secretsAsFiles}
     */
    secretsAsFiles?: boolean;
}

export interface IngressArgs {
    /** Host name, e.g. shop.example.com. */
    host: string;
    /**
     * Path prefix.
     * @default {@link argDefaults.ingress.path}
     */
    path?: string;
    /** Name of the app port to route to. */
    port: string;
    /**
     * Ingress class.
     * @default the cluster's default class
     */
    className?: string;
    /**
     * Name of a TLS Secret for the host; the URL is https when set.
     * @default no TLS
     */
    tlsSecretName?: string;
    /**
     * Namespace of the ingress controller: under default-deny ingress, the only source the app's
     * NetworkPolicy admits on this port, so nothing in the cluster reaches the app around the ingress and its TLS.
     * @default {@link argDefaults.ingress.controllerNamespace}
     */
    controllerNamespace?: string;
}

export interface EgressArgs {
    /** An app on the same network, on any of its ports. Set exactly one of app and cidr. */
    app?: string;
    /** An outside destination as an IPv4 or IPv6 CIDR, e.g. 203.0.113.0/24 or 198.51.100.7/32. */
    cidr?: string;
    /**
     * With cidr: the one port allowed.
     * @default every port
     */
    port?: number;
    /**
     * With port: "tcp" or "udp".
     * @default {@link argDefaults.egress.protocol}
     */
    protocol?: string;
}

export interface SecurityArgs {
    /**
     * Refuse to run as root.
     * @default {@link argDefaults.security.runAsNonRoot}
     */
    runAsNonRoot?: boolean;
    /**
     * User id the container runs as (with runAsNonRoot).
     * @default {@link argDefaults.security.runAsUser}
     */
    runAsUser?: number;
    /**
     * Group id the container runs as (with runAsNonRoot).
     * @default {@link argDefaults.security.runAsGroup}
     */
    runAsGroup?: number;
    /**
     * Read-only root filesystem; /tmp stays writable (tmpfs / emptyDir).
     * @default {@link argDefaults.security.readOnlyRootFilesystem}
     */
    readOnlyRootFilesystem?: boolean;
    /**
     * Drop all Linux capabilities.
     * @default {@link argDefaults.security.dropAllCapabilities}
     */
    dropAllCapabilities?: boolean;
    /**
     * Allow privilege escalation (setuid binaries).
     * @default {@link argDefaults.security.allowPrivilegeEscalation}
     */
    allowPrivilegeEscalation?: boolean;
    /**
     * Group that owns the app's volumes (Kubernetes fsGroup), so a non-root app can write to them.
     * @default the runAsGroup with runAsNonRoot, else none
     */
    fsGroup?: number;
    /**
     * Kubernetes: set the user, group, fsGroup and seccomp profile on the pod too, so containers it gains later
     * (ephemeral debug containers, injected sidecars) inherit them. Set false when an injected sidecar must run as its own user.
     * @default {@link argDefaults.security.podSecurityContext}
     */
    podSecurityContext?: boolean;
}

export interface ImageBuildArgs {
    /**
     * The build context: a directory, relative to the project directory (where
     * Pulumi.yaml is) or absolute. What `.dockerignore` excludes is neither sent
     * nor counted: the image is rebuilt when what is sent changes.
     */
    context: string;
    /**
     * The Dockerfile, relative to the context.
     * @default {@link argDefaults.build.dockerfile}
     */
    dockerfile?: string;
    /**
     * The stage to build (`FROM <image> AS <stage>`).
     * @default the Dockerfile's last stage
     */
    target?: string;
    /**
     * Build args (`ARG`). A value that is a Pulumi secret stays one in state and
     * previews; Docker itself keeps build args in the image's history, so pass
     * nothing there that the image may not hold.
     * @default {@link argDefaults.build.args}
     */
    args?: { [name: string]: pulumi.Input<string> };
    /**
     * The platform to build for, e.g. "linux/amd64".
     * @default the Docker engine's own
     */
    platform?: string;
}

export interface ContainerAppArgs {
    /** The network the app joins; other apps on it reach this one by its name. */
    network: AppNetwork;
    /**
     * "docker" or "kubernetes"; must match the network's.
     * @default the network's target
     */
    target?: string;
    /**
     * Image reference, e.g. registry.example.com/shop/web:1.4.2. Set exactly one of image and build.
     * @default none: the image is built (`build`)
     */
    image?: pulumi.Input<string>;
    /**
     * Build the image from source instead. Docker: built by the stack's Docker
     * engine, the containers refer to it by id. Kubernetes: built, pushed to the
     * stack's registry (`berth:registry`) and deployed by digest. Rebuilt only
     * when the context's content, the Dockerfile, the args, target or platform change.
     * @default none: the image is pulled (`image`)
     */
    build?: ImageBuildArgs;
    /**
     * Replaces the image's entrypoint.
     * @default the image's entrypoint
     */
    command?: string[];
    /**
     * Arguments (replace the image's CMD).
     * @default the image's CMD
     */
    args?: string[];
    /**
     * Env vars. A value that is a Pulumi secret stays one: a Kubernetes Secret referenced by key.
     * @default {@link argDefaults.app.env}
     */
    env?: { [name: string]: pulumi.Input<string> };
    /**
     * AppConfigs the app uses; a change to one rolls the app.
     * @default {@link argDefaults.app.configs}
     */
    configs?: ConfigMountArgs[];
    /**
     * Ports the app listens on.
     * @default {@link argDefaults.app.ports}
     */
    ports?: PortArgs[];
    /**
     * How to tell the app is healthy. Docker: `up` waits until healthy.
     * @default none
     */
    healthCheck?: HealthCheckArgs;
    /**
     * CPU and memory requests and limits.
     * @default none
     */
    resources?: ResourcesArgs;
    /**
     * Number of instances; not with `autoscaling` (an AutoscalingPolicy takes over when attached).
     * @default {@link argDefaults.app.replicas}
     */
    replicas?: number;
    /**
     * Scale between minReplicas and maxReplicas on CPU and memory use, as an
     * AutoscalingPolicy does (the same args; set this or replicas, and no policy
     * for the app). Kubernetes: a HorizontalPodAutoscaler (and a PodDisruptionBudget
     * with minAvailable), and the Deployment leaves its replica count to it. Docker
     * has no autoscaler: the app runs minReplicas containers, with a warning.
     * @default not autoscaled (replicas instances)
     */
    autoscaling?: AppAutoscalingArgs;
    /**
     * "always", "on-failure" or "never" (Docker; Kubernetes Deployments always restart).
     * @default {@link argDefaults.app.restartPolicy}
     */
    restartPolicy?: string;
    /**
     * Ephemeral and persistent volumes.
     * @default {@link argDefaults.app.volumes}
     */
    volumes?: VolumeArgs[];
    /**
     * Labels on everything the app creates.
     * @default {@link argDefaults.app.labels}
     */
    labels?: { [key: string]: string };
    /**
     * Kubernetes Ingress for one port.
     * @default none
     */
    ingress?: IngressArgs;
    /**
     * Kubernetes: how published ports are exposed: "LoadBalancer", "NodePort", or "none" (the app is reached
     * through its ingress only). Docker publishes on 127.0.0.1 whatever this says.
     * @default for an app with an ingress "none" (reached through it), else "LoadBalancer"
     */
    publishAs?: string;
    /**
     * Apps and jobs on the network allowed to reach this one; each name must be one of them.
     * Kubernetes: a NetworkPolicy. Docker: a network `<network>-to-<app>` that only this app and those join.
     * @default {@link argDefaults.app.allowFrom} (only published and ingress ports are reachable)
     */
    allowFrom?: string[];
    /**
     * Where the app may connect: apps on the network and outside destinations. An app with allowTo reaches
     * only these (and DNS); one without reaches anything, unless its network sets defaultDenyEgress.
     * Kubernetes: an egress NetworkPolicy; Docker: see the capability matrix.
     * @default {@link argDefaults.app.allowTo}
     */
    allowTo?: EgressArgs[];
    /**
     * Security settings; each default is the secure choice and can be opted out of.
     * @default non-root {@link argDefaults.security.runAsUser}, read-only root, no capabilities, no privilege escalation
     */
    security?: SecurityArgs;
    /**
     * Kubernetes: skip the provider's readiness waits on the app's objects.
     * @default the stack config `berth:skipAwait`, else false
     */
    skipAwait?: boolean;
    /**
     * Seconds `up` waits for one replica to become healthy. Docker: each container with a health
     * check. Kubernetes: each pod of a rollout, which starts them one after another, so `up` waits
     * for the app's objects at most this many seconds times the most replicas the app can run
     * (`pulumi.com/timeoutSeconds`; without it the provider waits 10 minutes).
     * @default {@link argDefaults.app.healthyTimeoutSeconds}
     */
    healthyTimeoutSeconds?: number;
    /**
     * Exactly one instance, never two at once, also not during an update (a database
     * on its volume, a scheduler). Needs replicas: 1 and no AutoscalingPolicy; a prod
     * stack accepts one replica only for a singleton.
     * @default {@link argDefaults.app.singleton}
     */
    singleton?: boolean;
    /**
     * Apps and jobs of the network that must be started, healthy or completed before
     * this app starts (orders `up`).
     * @default {@link argDefaults.app.dependsOn}
     */
    dependsOn?: DependencyArgs[];
    /**
     * Containers that run to completion, in order, before the app's container starts.
     * @default {@link argDefaults.app.initContainers}
     */
    initContainers?: HelperContainerArgs[];
    /**
     * Containers that run beside the app's, sharing its network (localhost) and the
     * volumes they mount (Kubernetes native sidecars).
     * @default {@link argDefaults.app.sidecars}
     */
    sidecars?: HelperContainerArgs[];
}

/**
 * A containerised app. Docker: one container per replica, all reachable under
 * the app's name on its network. Kubernetes: a Deployment (a StatefulSet for
 * an app that keeps data) and Services (and an Ingress when asked).
 */
export class ContainerApp extends pulumi.ComponentResource {
    /** Name other apps on the network use to reach this one. */
    public readonly host: pulumi.Output<string>;
    /** host:port of the app's first port on the network (the host alone without ports). */
    public readonly address: pulumi.Output<string>;
    /** Published (Docker) or ingress (Kubernetes) URL, when there is one. */
    public readonly url: pulumi.Output<string | undefined>;
    /** Names of the objects created for the app. */
    public readonly resourceNames: pulumi.Output<string[]>;
    /** @internal The resolved description the backends and policies use. */
    public readonly appModel: AppModel;
    private autoscaling?: AutoscalingModel;
    private rendered = false;

    constructor(name: string, args: ContainerAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const { model, autoscaling, backend, warnings } = validateContainerApp(name, args, opts);
        super("berth:index:ContainerApp", name, {}, opts);
        for (const warning of warnings) {
            pulumi.log.warn(warning, this);
        }
        this.appModel = model;
        this.autoscaling = autoscaling;
        backend.app.declare(model, this);

        // Children are registered once the program's synchronous part has run and
        // every app and job of it is checked, so an AutoscalingPolicy created right
        // after the app can still take over the replica count (the Deployment must
        // then omit spec.replicas), and allowFrom and dependsOn may name apps and jobs
        // declared later.
        const rendering = renderWhenReady<RenderedApp>(
            this,
            {
                componentType: "ContainerApp",
                kind: "app",
                name,
                network: model.network,
                dependsOn: model.dependsOn,
                // As written, so a problem's path names the entry the user wrote (the model's list is sorted).
                allowFrom: args.allowFrom ?? [],
                hasHealthCheck: model.healthCheck !== undefined,
                lateRules: (findings) => this.lateRules(findings),
            },
            (dependencies) => {
                // Rendering starts at once (Docker places the app on its networks before it awaits anything).
                const scaling = this.autoscaling;
                const rendered = backend.app.render(model, scaling, this, dependencies);
                // The app's own autoscaling: the same objects a policy creates, as the app's children.
                const scalingNames = scaling?.inline ? backend.autoscaling.render(scaling, this) : [];
                return this.warnSecretEnv()
                    .then(() => rendered)
                    .then((app) => (scalingNames.length === 0 ? app : { ...app, resourceNames: withNames(app.resourceNames, scalingNames) }));
            },
            { ...notRendered(), url: undefined },
        );

        const host = backend.app.host(model);
        const firstPort = model.ports[0];
        this.host = pulumi.output(host);
        this.address = pulumi.output(firstPort ? `${host}:${firstPort.port}` : host);
        this.url = pulumi.output(rendering.then((r) => r.url));
        this.resourceNames = pulumi.output(rendering.then((r) => r.resourceNames));
        this.registerOutputs({ host: this.host, address: this.address, url: this.url, resourceNames: this.resourceNames });
    }

    /** @internal Why a policy cannot take over the replica count now; checked with the policy's other rules. */
    public autoscalingProblems(policyName: string): string[] {
        const problems: string[] = [];
        if (this.autoscaling?.inline) {
            problems.push(`app "${this.appModel.name}" scales by its own autoscaling arg; remove the policy, or the app's autoscaling (ContainerApp "${this.appModel.name}" autoscaling)`);
        } else if (this.autoscaling) {
            problems.push(`app "${this.appModel.name}" already has AutoscalingPolicy "${this.autoscaling.name}"`);
        }
        if (this.rendered) {
            problems.push(
                `app "${this.appModel.name}" was already deployed with a fixed replica count; ` +
                    `create the policy right after the app, not inside an apply or after an await`,
            );
        }
        return problems;
    }

    /** @internal Called by a valid AutoscalingPolicy: hands the replica count to the autoscaler. */
    public attachAutoscaling(policy: AutoscalingModel): void {
        this.autoscaling = policy;
    }

    /** Known only once Outputs resolve: which env values are secrets (a prod stack warns of them). */
    private async warnSecretEnv(): Promise<void> {
        const model = this.appModel;
        const names = model.tier === "prod" ? await secretEnvNames(model) : [];
        for (const warning of secretEnvTierWarnings(model.tier, names)) {
            pulumi.log.warn(`ContainerApp "${model.name}": ${warning}`, this);
        }
    }

    /**
     * The rules checked once the program's synchronous part has run: whether an
     * autoscaler owns the count is known only then (a policy's prod minimum was
     * checked with its args). After this no policy can take the count over.
     */
    private lateRules(findings: Findings): void {
        this.rendered = true;
        const model = this.appModel;
        const scaling = this.autoscaling;
        if (model.singleton) {
            return;
        }
        const replicaFindings = replicaTierFindings(model.tier, scaling?.minReplicas ?? model.replicas, scaling !== undefined);
        const hint = scaling === undefined ? "; an app that runs one instance on purpose (a database on its volume) sets singleton: true" : "";
        replicaFindings.errors.forEach((error) => findings.problem(`${error}${hint}`));
        replicaFindings.warnings.forEach((warning) => findings.warning(warning));
    }
}

/** An app's object names with more added, sorted as a backend reports them. */
function withNames(names: pulumi.Input<string[]>, more: string[]): pulumi.Output<string[]> {
    return pulumi.output(names).apply((known) => [...known, ...more].sort());
}
