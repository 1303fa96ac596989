/*
 * Type tokens berth creates and reads, in one place: the components write
 * them, `berth review` explains changes by them, the policy pack checks
 * resources by them. A token is `package:module:member`.
 */

/** berth's own components: `berth:index:<ClassName>` (DESIGN: the last segment is the class name). */
export const berthTypePrefix = "berth:index:";

/** The class name of a berth component type token, or undefined for any other type. */
export function berthComponentClass(type: string): string | undefined {
    return type.startsWith(berthTypePrefix) ? type.slice(berthTypePrefix.length) : undefined;
}

/** Provider resources: `pulumi:providers:<package>`. */
export const providerTypePrefix = "pulumi:providers:";

/** The stack resource every program has. */
export const stackType = "pulumi:pulumi:Stack";

/** The Kubernetes objects berth creates, and the workloads the policy pack also checks. */
export const kubernetesTypes = {
    namespace: "kubernetes:core/v1:Namespace",
    configMap: "kubernetes:core/v1:ConfigMap",
    secret: "kubernetes:core/v1:Secret",
    service: "kubernetes:core/v1:Service",
    persistentVolumeClaim: "kubernetes:core/v1:PersistentVolumeClaim",
    pod: "kubernetes:core/v1:Pod",
    deployment: "kubernetes:apps/v1:Deployment",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    daemonSet: "kubernetes:apps/v1:DaemonSet",
    job: "kubernetes:batch/v1:Job",
    cronJob: "kubernetes:batch/v1:CronJob",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    horizontalPodAutoscaler: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
} as const;

/** The Docker resources berth creates. */
export const dockerTypes = {
    container: "docker:index/container:Container",
    remoteImage: "docker:index/remoteImage:RemoteImage",
    registryImage: "docker:index/registryImage:RegistryImage",
    network: "docker:index/network:Network",
    volume: "docker:index/volume:Volume",
} as const;
