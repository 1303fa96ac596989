import * as docker from "@pulumi/docker";
import { PortModel } from "../../model/app";

/** Published ports, on 127.0.0.1 only: a dev stack should not open ports to the whole network. */
export function publishedPorts(ports: PortModel[]): docker.types.input.ContainerPort[] {
    return ports.flatMap((p) => (p.publish !== undefined ? [{ internal: p.port, external: p.publish, ip: "127.0.0.1", protocol: p.protocol }] : []));
}

/** The app's URL: its first published port. */
export function publishedUrl(ports: PortModel[]): string | undefined {
    const first = ports.find((p) => p.publish !== undefined);
    return first ? `http://127.0.0.1:${first.publish}` : undefined;
}
