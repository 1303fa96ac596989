import { ResourceValidationPolicy } from "@pulumi/policy";
import { kubernetesTypes } from "../../shared/type-tokens";
import { field, fieldList, notKnown } from "../known-values";

/**
 * A Kubernetes Ingress exposes an app to the outside: every host it serves
 * must be covered by a TLS entry, so nothing is served in plain HTTP.
 */
export const ingressTlsRequired: ResourceValidationPolicy = {
    name: "berth-ingress-tls-required",
    description: "Every host a Kubernetes Ingress serves is covered by TLS.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== kubernetesTypes.ingress) {
            return;
        }
        if (field(args.props, "spec", "tls") === notKnown || field(args.props, "spec", "rules") === notKnown) {
            return;
        }
        const tls = fieldList(args.props, "spec", "tls");
        // A TLS entry without hosts holds the certificate for every host of the Ingress.
        const coversAll = tls.some((entry) => fieldList(entry, "hosts").length === 0);
        const covered = new Set(tls.flatMap((entry) => fieldList(entry, "hosts")));
        const hosts = fieldList(args.props, "spec", "rules").map((rule) => field(rule, "host"));
        if (hosts.length === 0 && field(args.props, "spec", "defaultBackend") !== undefined) {
            hosts.push(undefined);
        }
        const plain = hosts.filter((host) => host !== notKnown && !coversAll && !(typeof host === "string" && covered.has(host)));
        if (plain.length > 0) {
            const names = plain.map((host) => (typeof host === "string" ? host : "every host (no host set)"));
            reportViolation(`serves ${names.join(", ")} without TLS: add spec.tls for it (berth: ContainerApp ingress.tlsSecretName)`);
        }
    },
};
