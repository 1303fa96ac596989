import * as pulumi from "@pulumi/pulumi";
import { parseArgs } from "./validation/errors";
import { appNetworkSchema } from "./args/app-network";
import { NetworkModel } from "./model/network";
import { resolveTarget, Target } from "./stack/target";
import { resolveSkipAwait } from "./stack/berth-settings";
import { renderDockerNetwork } from "./backends/docker/network";
import { renderKubernetesNetwork } from "./backends/kubernetes/network";
import { warnUnsupported } from "./backends/capabilities";
import { deployTargetKey } from "./backends/provider-scope";

export interface AppNetworkArgs {
    /**
     * Where this network lives: "docker" or "kubernetes".
     * @default the stack config `berth:target`, else "docker"
     */
    target?: string;
    /**
     * No outside access. Docker: an internal bridge network. Kubernetes: an egress
     * NetworkPolicy that lets pods reach only the namespace and cluster DNS.
     * @default false
     */
    internal?: boolean;
    /**
     * Kubernetes namespace name.
     * @default the component's name
     */
    namespace?: string;
    /**
     * Kubernetes: create the namespace (true) or adopt an existing one (false).
     * @default true
     */
    createNamespace?: boolean;
    /**
     * Kubernetes: deny all ingress to the namespace's pods except what apps allow
     * (their `allowFrom`, published ports and ingress). Set false to opt out.
     * @default true
     */
    defaultDenyIngress?: boolean;
    /**
     * Labels on the network / namespace and its policies.
     * @default {}
     */
    labels?: { [key: string]: string };
    /**
     * Kubernetes: skip the provider's readiness waits on this network's objects.
     * @default the stack config `berth:skipAwait`, else false
     */
    skipAwait?: boolean;
}

/**
 * The network a system's apps share: apps on it reach each other by name.
 * Docker: a user-defined bridge network. Kubernetes: a namespace with a
 * default-deny ingress NetworkPolicy.
 */
export class AppNetwork extends pulumi.ComponentResource {
    /** Docker network name, or Kubernetes namespace name. */
    public readonly networkName: pulumi.Output<string>;
    /** "docker" or "kubernetes". */
    public readonly target: pulumi.Output<string>;
    /** @internal The resolved description the backends and apps use. */
    public readonly networkModel: NetworkModel;

    constructor(name: string, args: AppNetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const spec = parseArgs("AppNetwork", name, appNetworkSchema, args);
        const target = resolveTarget("AppNetwork", name, spec.target);
        super("berth:index:AppNetwork", name, {}, opts);

        const networkName = target === "kubernetes" ? spec.namespace ?? name : name;
        const skipAwait = resolveSkipAwait(spec.skipAwait);
        const ref =
            target === "docker"
                ? renderDockerNetwork({ name: networkName, internal: spec.internal, labels: spec.labels }, this)
                : renderKubernetesNetwork(
                      {
                          name: networkName,
                          internal: spec.internal,
                          createNamespace: spec.createNamespace,
                          defaultDenyIngress: spec.defaultDenyIngress,
                          labels: spec.labels,
                          skipAwait,
                      },
                      this,
                  );
        // args may be null from JavaScript or another language; the schema read it as {}.
        if (target === "docker" && args?.defaultDenyIngress === true) {
            warnUnsupported("default-deny", target, this, `AppNetwork "${name}" defaultDenyIngress`);
        }

        this.networkModel = {
            name: networkName,
            target,
            internal: spec.internal,
            createNamespace: spec.createNamespace,
            defaultDenyIngress: target === "kubernetes" && spec.defaultDenyIngress,
            labels: spec.labels,
            skipAwait,
            ref,
            nameScope: nameScope(this, target, networkName),
        };
        this.networkName = ref;
        this.target = pulumi.output(target);
        this.registerOutputs({ networkName: this.networkName, target: this.target });
    }
}

/**
 * Where the names of a network's objects must be unique: its Docker network on
 * its Docker host, or its namespace on its cluster, which several AppNetworks
 * may adopt (`namespace`).
 */
function nameScope(network: AppNetwork, target: Target, networkName: string): string {
    return `${target} ${deployTargetKey(network, target)} ${target === "docker" ? "network" : "namespace"} ${networkName}`;
}
