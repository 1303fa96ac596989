import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { SystemOptions, benchApp, defaultSystem } from "./bench-app";

/** The benchmark system written with berth: what a user writes, target chosen by stack config. */
export function berthSystem(appCount: number, options: SystemOptions = defaultSystem): void {
    const network = new berth.AppNetwork(options.network, { skipAwait: options.skipAwait });
    for (let index = 0; index < appCount; index++) {
        const app = benchApp(index);
        const config = new berth.AppConfig(app.configName, {
            network,
            files: app.files,
            values: app.values,
            secrets: { [app.secret.key]: pulumi.secret(app.secret.value) },
        });
        new berth.ContainerApp(app.name, {
            network,
            image: app.image,
            ports: [app.port],
            env: app.env,
            configs: [{ config, mountPath: app.mountPath }],
            healthCheck: { http: { path: app.healthPath, port: app.port.port } },
            resources: { requests: app.requests, limits: app.limits },
            // The app's own autoscaling: one component per app fewer than an AutoscalingPolicy (issue 20).
            autoscaling: { minReplicas: app.minReplicas, maxReplicas: app.maxReplicas, cpuUtilization: app.cpuUtilization },
            skipAwait: options.skipAwait,
        });
    }
}
