import * as pulumi from "@pulumi/pulumi";
import { argDefaults } from "./args/defaults";
import { NetworkModel } from "./model/network";
import { validateAppNetwork } from "./validation/app-network";

export interface AppNetworkArgs {
    /**
     * Where this network lives: "docker" or "kubernetes".
     * @default the stack config `berth:target`, else "docker"
     */
    target?: string;
    /**
     * No outside access. Docker: an internal bridge network. Kubernetes: an egress
     * NetworkPolicy that lets pods reach only the namespace and cluster DNS.
     * @default {@link argDefaults.network.internal}
     */
    internal?: boolean;
    /**
     * Kubernetes namespace name.
     * @default the component's name
     */
    namespace?: string;
    /**
     * Kubernetes: create the namespace (true) or adopt an existing one (false).
     * @default {@link argDefaults.network.createNamespace}
     */
    createNamespace?: boolean;
    /**
     * Kubernetes: deny all ingress to the namespace's pods except what apps allow
     * (their `allowFrom`, published ports and ingress). Set false to opt out.
     * @default {@link argDefaults.network.defaultDenyIngress}
     */
    defaultDenyIngress?: boolean;
    /**
     * Deny all egress from the network's apps except DNS and what each app allows in its `allowTo`.
     * Kubernetes: a default-deny egress NetworkPolicy. Docker: an app with no outside destination
     * is kept off every network with outside access; what Docker cannot limit is warned about.
     * @default {@link argDefaults.network.defaultDenyEgress}
     */
    defaultDenyEgress?: boolean;
    /**
     * Kubernetes: the Pod Security Admission level enforced, warned and audited on a namespace berth
     * creates: "restricted", "baseline", or "privileged" (the opt-out). An adopted namespace keeps its own labels.
     * @default {@link argDefaults.network.podSecurity}
     * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
     */
    podSecurity?: string;
    /**
     * Labels on the network / namespace and its policies.
     * @default {@link argDefaults.network.labels}
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
        const { model, backend, warnings } = validateAppNetwork(name, args, opts);
        super("berth:index:AppNetwork", name, {}, opts);
        const ref = backend.network.render(model, this);
        for (const warning of warnings) {
            pulumi.log.warn(warning, this);
        }
        this.networkModel = { ...model, ref };
        this.networkName = ref;
        this.target = pulumi.output(model.target);
        this.registerOutputs({ networkName: this.networkName, target: this.target });
    }
}
