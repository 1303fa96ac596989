import { Target } from "../stack/target";

/*
 * What each feature does on each target. The README's table is rendered from
 * this list (tests/capabilities.spec.ts keeps them equal), and every warning
 * berth emits for a feature a target cannot honour comes from here, so the
 * docs and the behaviour cannot drift apart.
 */

export type Support = "supported" | "emulated" | "not available";

export interface TargetSupport {
    support: Support;
    how: string;
}

export interface Capability {
    id: string;
    feature: string;
    docker: TargetSupport;
    kubernetes: TargetSupport;
}

export const capabilities: Capability[] = [
    {
        id: "network",
        feature: "AppNetwork",
        docker: { support: "supported", how: "user-defined bridge network with DNS" },
        kubernetes: { support: "supported", how: "namespace (created or adopted)" },
    },
    {
        id: "internal-network",
        feature: "AppNetwork `internal`",
        docker: { support: "supported", how: "internal bridge network, no outside access" },
        kubernetes: { support: "emulated", how: "egress NetworkPolicy: only the namespace and DNS" },
    },
    {
        id: "default-deny",
        feature: "Default-deny ingress",
        docker: { support: "supported", how: "the network's bridge carries no traffic between containers (ICC off); apps meet only on allow networks" },
        kubernetes: { support: "supported", how: "default-deny NetworkPolicy plus one allow policy per app" },
    },
    {
        id: "allow-from",
        feature: "ContainerApp `allowFrom`",
        docker: {
            support: "supported",
            how: "internal network `<network>-to-<app>` that only the app and the apps and jobs it allows join: others can neither resolve nor reach it; each name must be an app or job of the network",
        },
        kubernetes: { support: "supported", how: "NetworkPolicy allowing the named apps' and jobs' pods; each name must be an app or job of the network" },
    },
    {
        id: "egress",
        feature: "AppNetwork `defaultDenyEgress`, ContainerApp `allowTo`",
        docker: {
            support: "emulated",
            how: "an app joins only the allow networks of the apps it may reach; with no outside destination and no published port it stays off every network with outside access; outside ranges and ports cannot be narrowed (warning)",
        },
        kubernetes: { support: "supported", how: "default-deny egress NetworkPolicy (DNS allowed) and one egress policy per app with `allowTo`" },
    },
    {
        id: "config-files",
        feature: "AppConfig files",
        docker: { support: "supported", how: "uploaded into each container at `mountPath`" },
        kubernetes: { support: "supported", how: "ConfigMap (secret contents: Secret) mounted at `mountPath`" },
    },
    {
        id: "config-values",
        feature: "AppConfig values and secrets",
        docker: { support: "supported", how: "container env; secrets stay Pulumi secrets in state" },
        kubernetes: { support: "supported", how: "ConfigMap / Secret keys referenced from env" },
    },
    {
        id: "secrets-as-files",
        feature: "AppConfig secrets as files (`secretsAsFiles`)",
        docker: { support: "supported", how: "one file per secret uploaded under `mountPath`, kept secret in state" },
        kubernetes: { support: "supported", how: "the Secret's keys projected as files under `mountPath`" },
    },
    {
        id: "config-rollout",
        feature: "Config change rolls the app",
        docker: { support: "supported", how: "containers are replaced (Docker cannot change env or files in place)" },
        kubernetes: { support: "supported", how: "pod-template annotation with the config hash; rolling update" },
    },
    {
        id: "replicas",
        feature: "Replicas",
        docker: { support: "emulated", how: "one container per replica, all under the app's name on the network" },
        kubernetes: { support: "supported", how: "Deployment replicas" },
    },
    {
        id: "published-ports",
        feature: "Published ports",
        docker: { support: "supported", how: "host port on 127.0.0.1 (one replica only)" },
        kubernetes: {
            support: "supported",
            how: "`publishAs`: a LoadBalancer (default) or NodePort Service `<app>-public`, allowed through default-deny; or none (the default for an app with an ingress)",
        },
    },
    {
        id: "ingress",
        feature: "Ingress (host, path, TLS)",
        docker: { support: "not available", how: "use a published port; warning" },
        kubernetes: { support: "supported", how: "networking.k8s.io/v1 Ingress; its port admits the ingress controller's namespace alone" },
    },
    {
        id: "health-check",
        feature: "Health check (http, tcp, command)",
        docker: {
            support: "emulated",
            how: "one Docker HEALTHCHECK run in the container: http needs `wget`, tcp needs `sh` and `nc`; `startupSeconds` lengthen its start period; `up` waits until healthy; Docker restarts no unhealthy container",
        },
        kubernetes: { support: "supported", how: "readiness probe, a more tolerant liveness probe (`livenessFailureThreshold`), a startup probe (`startupSeconds`)" },
    },
    {
        id: "resources",
        feature: "CPU / memory",
        docker: { support: "emulated", how: "limits become `--cpus` and `--memory`; requests become CPU shares and a memory reservation" },
        kubernetes: { support: "supported", how: "container requests and limits" },
    },
    {
        id: "build",
        feature: "ContainerApp `build` (image from source)",
        docker: {
            support: "supported",
            how: "built by the stack's Docker engine and run by image id; rebuilt only when the context (as `.dockerignore` lets it through), the Dockerfile, args, target or platform change; a failed build shows its last lines on the app",
        },
        kubernetes: {
            support: "supported",
            how: "built by the stack's Docker engine, pushed to `berth:registry` and deployed by digest (`<repository>@sha256:...`); pulling it with credentials (imagePullSecrets) is the cluster's setup",
        },
    },
    {
        id: "build-job-helpers",
        feature: "`build` on ContainerJob, init containers and sidecars",
        docker: {
            support: "supported",
            how: "built as an app's image (same rebuild rule), under `<network>/<job>` or `<network>/<workload>.<helper>`, and run by image id; a rebuilt job image runs the job again",
        },
        kubernetes: {
            support: "supported",
            how: "pushed as an app's image; the Job's or pod's container runs the digest, so a rebuilt job image is a new Job (its name carries the spec's hash) that runs again",
        },
    },
    {
        id: "restart-policy",
        feature: "Restart policy",
        docker: { support: "supported", how: "always: unless-stopped, on-failure, never: no" },
        kubernetes: { support: "not available", how: "a Deployment always restarts; other values warn" },
    },
    {
        id: "ephemeral-volumes",
        feature: "Ephemeral volumes",
        docker: { support: "supported", how: "tmpfs mount" },
        kubernetes: { support: "supported", how: "emptyDir" },
    },
    {
        id: "persistent-volumes",
        feature: "Persistent volumes (stateful apps)",
        docker: { support: "supported", how: "a named volume per replica, `<network>-<app>-<volume>-<replica>`, kept across replacements; a replacement removes the old container before the new one starts" },
        kubernetes: {
            support: "supported",
            how: "StatefulSet with a claim template per volume (a ReadWriteOnce claim per replica, kept when the StatefulSet is replaced or deleted) and a headless Service `<app>-headless`",
        },
    },
    {
        id: "singleton",
        feature: "ContainerApp `singleton`",
        docker: { support: "supported", how: "one container; a replacement removes the old one before the new one starts" },
        kubernetes: { support: "supported", how: "one pod, never two: a StatefulSet's, or a Deployment with the Recreate strategy" },
    },
    {
        id: "job",
        feature: "ContainerJob",
        docker: {
            support: "emulated",
            how: "a container `<network>-<job>-job` run to completion: `up` waits up to `timeoutSeconds` and fails unless it exits 0, naming the exit code and the last log lines (the log is kept, secret, in state); replaced, so run again, when its image, command, env or config files change",
        },
        kubernetes: {
            support: "supported",
            how: "batch/v1 Job `<job>-<hash of its spec and configs>` (a change runs a new Job); the provider waits for completion; a failure shows the end of the log (FallbackToLogsOnError); finished Jobs stay until replaced",
        },
    },
    {
        id: "job-retries",
        feature: "Job retries",
        docker: { support: "not available", how: "the job runs once; warning" },
        kubernetes: { support: "supported", how: "backoffLimit" },
    },
    {
        id: "depends-on",
        feature: "Start-up order (`dependsOn`)",
        docker: { support: "supported", how: "the dependent's containers are created after the dependency's: started, healthy (waited for by its health check) or completed (exited 0)" },
        kubernetes: {
            support: "emulated",
            how: "the dependent's workload is created after the dependency's, which the provider awaits: a Deployment's or StatefulSet's readiness (for started and healthy alike), a Job's completion; with `skipAwait` only the order of creation, with a warning",
        },
    },
    {
        id: "init-containers",
        feature: "Init containers",
        docker: { support: "emulated", how: "containers `<container>.<name>` run to completion, in order, before each replica's container; again when their own spec changes" },
        kubernetes: { support: "supported", how: "initContainers" },
    },
    {
        id: "sidecars",
        feature: "Sidecars",
        docker: { support: "emulated", how: "containers `<container>.<name>` in the replica container's network namespace (`network_mode container:`), replaced with it" },
        kubernetes: { support: "supported", how: "native sidecars: initContainers with restartPolicy Always" },
    },
    {
        id: "shared-volumes",
        feature: "Ephemeral volumes shared with init containers or sidecars",
        docker: {
            support: "emulated",
            how: "a named volume per replica (containers cannot share a tmpfs); it outlives a replacement of the containers; Docker has no fsGroup: the volume takes the owner of the mount path in the image of the first container that mounts it, root where that image has no such directory",
        },
        kubernetes: { support: "supported", how: "the pod's emptyDir (writable by the pod's fsGroup)" },
    },
    {
        id: "security",
        feature: "Non-root, read-only root fs, no capabilities, no privilege escalation",
        docker: { support: "supported", how: "user, read_only, cap_drop ALL, no-new-privileges; tmpfs /tmp; an app with config files gets a writable root (Docker copies files in through it), with a warning" },
        kubernetes: { support: "supported", how: "securityContext; emptyDir /tmp" },
    },
    {
        id: "pod-security-context",
        feature: "Pod-level security context (user, group, `fsGroup`, seccomp)",
        docker: { support: "not available", how: "each container carries its own user, group and seccomp profile; volumes are not handed to `fsGroup`" },
        kubernetes: { support: "supported", how: "pod securityContext beside the container's (`security.podSecurityContext: false` opts out)" },
    },
    {
        id: "pod-security-admission",
        feature: "AppNetwork `podSecurity`",
        docker: { support: "not available", how: "no admission control; each container's own settings apply; warning" },
        kubernetes: { support: "supported", how: "Pod Security Admission labels (enforce, warn, audit) on a created namespace; apps checked against `restricted` at preview" },
    },
    {
        id: "autoscaling",
        feature: "Autoscaling (ContainerApp `autoscaling`, AutoscalingPolicy)",
        docker: { support: "not available", how: "runs minReplicas containers; warning" },
        kubernetes: { support: "supported", how: "HorizontalPodAutoscaler (autoscaling/v2); Deployment omits replicas" },
    },
    {
        id: "disruption-budget",
        feature: "Autoscaling `minAvailable`",
        docker: { support: "not available", how: "no voluntary disruptions on one engine; ignored silently is safe" },
        kubernetes: { support: "supported", how: "PodDisruptionBudget" },
    },
    {
        id: "skip-await",
        feature: "`skipAwait`",
        docker: { support: "not available", how: "Docker waits only for health, per app, and for jobs and init containers to exit" },
        kubernetes: { support: "supported", how: "`pulumi.com/skipAwait` annotation on every object: no wait for readiness nor for a Job's completion" },
    },
];

export function capability(id: string): Capability {
    const found = capabilities.find((c) => c.id === id);
    if (!found) {
        throw new Error(`unknown capability ${id}`);
    }
    return found;
}

/** The warning that a feature is not fully available on a target: the wording comes from the matrix. */
export function unsupported(id: string, target: Target, detail: string): string {
    const entry = capability(id)[target];
    return `${detail}: ${capability(id).feature} is ${entry.support} on ${target} (${entry.how})`;
}

/** The README table. */
export function capabilityTable(): string {
    const rows = capabilities.map(
        (c) => `| ${c.feature} | ${c.docker.support}: ${c.docker.how} | ${c.kubernetes.support}: ${c.kubernetes.how} |`,
    );
    return ["| Feature | Docker | Kubernetes |", "|---|---|---|", ...rows].join("\n");
}
