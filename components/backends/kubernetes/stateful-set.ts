import * as k8s from "@pulumi/kubernetes";
import { AppModel } from "../../model/app";
import { appLabels, selectorLabels } from "../labels";
import { nonEmpty } from "../non-empty";
import { servicePorts } from "./services";
import { claimTemplates } from "./volumes";

/*
 * An app that keeps data is a StatefulSet: each replica its own claim per
 * persistent volume (from the claim templates), a stable name (`<app>-0`, …)
 * and at most one pod per name, also during an update and after a node is
 * lost, so two pods never write one volume. The claims outlive the
 * StatefulSet: a replacement (a changed volume size, say) keeps the data.
 */

/** The headless Service that gives each replica its DNS name (`<app>-0.<app>-headless`); the StatefulSet's governing Service. */
export function headlessServiceName(appName: string): string {
    return `${appName}-headless`;
}

/** `replicas` undefined means an autoscaler owns the count (spec.replicas left out). */
export function statefulSetSpec(app: AppModel, replicas: number | undefined, template: k8s.types.input.core.v1.PodTemplateSpec): k8s.types.input.apps.v1.StatefulSetSpec {
    return {
        replicas,
        serviceName: headlessServiceName(app.name),
        selector: { matchLabels: selectorLabels(app.name) },
        template,
        volumeClaimTemplates: claimTemplates(app.volumes, appLabels(app)),
        // Kubernetes' default, written out: deleting or scaling down the StatefulSet keeps the data.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
    };
}

/** Resolves each replica's address, ready or not (peers of a replicated store find each other before they are ready). */
export function headlessServiceSpec(app: AppModel): k8s.types.input.core.v1.ServiceSpec {
    return {
        clusterIP: "None",
        selector: selectorLabels(app.name),
        publishNotReadyAddresses: true,
        ports: nonEmpty(servicePorts(app)),
    };
}
