import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { selectorLabels } from "../labels";

type ServiceSpec = k8s.types.input.core.v1.ServiceSpec;

/** The Service other apps reach the app through, on every port; undefined for an app without ports. */
export function clusterServiceSpec(app: AppModel): ServiceSpec | undefined {
    if (app.ports.length === 0) {
        return undefined;
    }
    return { type: "ClusterIP", selector: selectorLabels(app.name), ports: servicePorts(app) };
}

/** Every port of the app, by name, to the same port of its pods. */
export function servicePorts(app: AppModel): k8s.types.input.core.v1.ServicePort[] {
    return app.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: p.protocol.toUpperCase() }));
}

/**
 * The Service `<app>-public` exposing the published ports, of the type `publishAs` names; undefined when
 * none is published or the app is reached through its ingress only (publishAs "none").
 */
export function publicServiceSpec(app: AppModel): ServiceSpec | undefined {
    const ports = app.ports.flatMap((p) => (p.publish !== undefined ? [{ name: p.name, port: p.publish, targetPort: p.port, protocol: p.protocol.toUpperCase() }] : []));
    return ports.length > 0 && app.publishAs !== "none" ? { type: app.publishAs, selector: selectorLabels(app.name), ports } : undefined;
}
