import * as pulumi from "@pulumi/pulumi";
import { Backend } from "../backend";
import { unsupported } from "../capabilities";
import { allowedAppsNotYetDeployed, declareDockerApp } from "./allow-networks";
import { renderDockerApp } from "./container-app";
import { renderDockerJob } from "./container-job";
import { renderDockerNetwork } from "./network";
import { hostPortClaims, publishingNeedsOneReplica, scalingNeedsOneContainerPerHostPort } from "./host-port-rules";
import { namedVolumeClaims } from "./volume-rules";

/*
 * The Docker backend: one engine, one user-defined bridge network per
 * AppNetwork (plus an internal one per app that others reach, reach.ts), one
 * container per replica (and per init container and sidecar), one container
 * per job run. Configs have no object of their own: each
 * container that uses one gets its values as env and its files uploaded.
 */
export const dockerBackend: Backend = {
    target: "docker",
    network: {
        name: (componentName) => componentName,
        nameScope: (networkName, providerScope) => `docker ${providerScope} network ${networkName}`,
        warnings: (network, explicit) =>
            explicit.podSecurity !== undefined ? [unsupported("pod-security-admission", "docker", `AppNetwork "${network.name}" podSecurity`)] : [],
        render: renderDockerNetwork,
    },
    config: {
        // A config change replaces the containers that use it; nothing reads the hash.
        rollsAppsByHash: false,
        render: () => ({ configMapName: pulumi.output(undefined), secretName: pulumi.output(undefined) }),
    },
    app: {
        // The network's DNS answers the app's name (an alias of every replica's container).
        host: (app) => app.name,
        rules: [publishingNeedsOneReplica, hostPortClaims, namedVolumeClaims, allowedAppsNotYetDeployed],
        warnings: (app) => (app.ingress ? [unsupported("ingress", "docker", `ContainerApp "${app.name}" ingress`)] : []),
        declare: declareDockerApp,
        // No autoscaler: the app runs the policy's minimum.
        render: (app, autoscaling, parent, dependencies) => renderDockerApp(app, autoscaling?.minReplicas ?? app.replicas, parent, dependencies),
    },
    job: {
        rules: [namedVolumeClaims],
        warnings: (job) => (job.retries > 0 ? [unsupported("job-retries", "docker", `ContainerJob "${job.name}" retries ${job.retries}`)] : []),
        render: renderDockerJob,
    },
    autoscaling: {
        rules: [scalingNeedsOneContainerPerHostPort],
        warnings: (policy) => [
            unsupported("autoscaling", "docker", `${policy.declaredBy}: app "${policy.app.name}" runs ${policy.minReplicas} container(s)`),
        ],
        render: () => [],
    },
};
