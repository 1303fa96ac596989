import * as pulumi from "@pulumi/pulumi";
import { Target } from "../stack/target";
import { StringMap } from "./maps";

/* An AppNetwork, resolved: what apps and configs on it, and the backends, read. */

/** Pod Security Admission levels, strictest first. */
export const podSecurityLevels = ["restricted", "baseline", "privileged"] as const;
export type PodSecurityLevel = (typeof podSecurityLevels)[number];

/** An AppNetwork as validated, before its backend creates it. */
export interface NetworkSettings {
    /** Docker network name, or Kubernetes namespace name. */
    name: string;
    target: Target;
    /** No outside access: a Docker internal network; on Kubernetes an egress policy limited to the namespace and DNS. */
    internal: boolean;
    /** Kubernetes: create the namespace (true) or adopt an existing one (false). */
    createNamespace: boolean;
    /** Kubernetes: a default-deny ingress NetworkPolicy in the namespace (Docker has no ingress policies). */
    defaultDenyIngress: boolean;
    /** Egress only to DNS and what each app's allowTo names. */
    defaultDenyEgress: boolean;
    /** Kubernetes: the Pod Security Admission level of a namespace berth creates. */
    podSecurity: PodSecurityLevel;
    labels: StringMap;
    skipAwait: boolean;
    /**
     * Where the objects' names must be unique: the Docker network on its host, or the namespace on its
     * cluster (two AppNetworks may adopt one namespace). Keys the derived-name claims.
     */
    nameScope: string;
}

/** An AppNetwork once its backend created it. */
export interface NetworkModel extends NetworkSettings {
    /** The network's name as an output of the resource that creates it, so dependants wait for it. */
    ref: pulumi.Output<string>;
}
