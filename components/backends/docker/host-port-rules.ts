import type { ContainerAppSpec } from "../../args/container-app";
import type { AutoscalingPolicySpec } from "../../args/autoscaling-policy";
import { rulesFor } from "../../validation/rules";
import { AppContext, PolicyContext } from "../backend";

/*
 * A Docker host port is bound by one container, on one Docker host: an app
 * that publishes runs one replica, and two apps of a program on one host
 * cannot publish the same port and protocol. Checked with the app's other
 * rules, so the second app fails at preview, not halfway through an `up`.
 */

const appRule = rulesFor<ContainerAppSpec, AppContext>();
const policyRule = rulesFor<AutoscalingPolicySpec, PolicyContext>();

/** An app's own autoscaling runs its minReplicas containers on Docker. */
export const publishingNeedsOneReplica = appRule(["ports", "replicas", "autoscaling"], (app, _context, findings) => {
    const [count, field] = app.autoscaling ? [app.autoscaling.minReplicas, "autoscaling.minReplicas"] : [app.replicas, "replicas"];
    if (count <= 1) {
        return;
    }
    app.ports.forEach((p, index) => {
        if (p.publish !== undefined) {
            findings.problem(`ports[${index}].publish: a Docker host port is bound by one container, so publishing needs ${field}: 1 (got ${count})`);
        }
    });
});

/** A TCP and a UDP port of one number are different ports. */
export const hostPortClaims = appRule(["ports"], (app, context, findings) => {
    app.ports.forEach((p, index) => {
        if (p.publish === undefined) {
            return;
        }
        const port = `${p.publish}/${p.protocol}`;
        findings.claim({
            scope: `docker host ${context.providerScope}`,
            key: port,
            owner: `app "${context.name}"`,
            holder: `app "${context.name}"`,
            clash: (holder) => `ports[${index}].publish ${port} is already published by ${holder} on this Docker host`,
        });
    });
});

export const scalingNeedsOneContainerPerHostPort = policyRule(["minReplicas"], (policy, { app }, findings) => {
    if (policy.minReplicas > 1 && app.ports.some((p) => p.publish !== undefined)) {
        findings.problem(
            `minReplicas ${policy.minReplicas} on Docker needs ${policy.minReplicas} containers, ` +
                `but app "${app.name}" publishes a host port, which one container only can bind; use minReplicas: 1 on Docker stacks`,
        );
    }
});
