import * as k8s from "@pulumi/kubernetes";
import { IngressModel } from "../../model/app";

/** An Ingress routing the host and path prefix to one port of the app's Service, with TLS when a Secret is named. */
export function ingressSpec(appName: string, ingress: IngressModel): k8s.types.input.networking.v1.IngressSpec {
    return {
        ingressClassName: ingress.className,
        tls: ingress.tlsSecretName ? [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] : undefined,
        rules: [
            {
                host: ingress.host,
                http: {
                    paths: [{ path: ingress.path, pathType: "Prefix", backend: { service: { name: appName, port: { name: ingress.portName } } } }],
                },
            },
        ],
    };
}

/** The app's URL through its Ingress: https with TLS. */
export function ingressUrl(ingress: IngressModel): string {
    return `${ingress.tlsSecretName ? "https" : "http"}://${ingress.host}${ingress.path}`;
}
