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
        const container = new berth.ContainerApp(app.name, {
            network,
            image: app.image,
            ports: [app.port],
            env: app.env,
            configs: [{ config, mountPath: app.mountPath }],
            healthCheck: { http: { path: app.healthPath, port: app.port.port } },
            resources: { requests: app.requests, limits: app.limits },
            skipAwait: options.skipAwait,
        });
        new berth.AutoscalingPolicy(app.scalingName, {
            app: container,
            minReplicas: app.minReplicas,
            maxReplicas: app.maxReplicas,
            cpuUtilization: app.cpuUtilization,
        });
    }
}
