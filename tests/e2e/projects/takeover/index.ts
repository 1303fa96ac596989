import * as pulumi from "@pulumi/pulumi";
import * as berth from "berth";

/**
 * An app scaled by an AutoscalingPolicy (form "policy"), then by its own
 * autoscaling that takes the policy over (form "inline", with formerPolicy)
 * or that does not (form "unaliased"): the same args each time, so the same
 * Kubernetes objects. The suite checks that a stack keeps the policy's objects.
 */
export = () => {
    const form = new pulumi.Config().require("form");
    const scaling = { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70, minAvailable: 1 };
    const net = new berth.AppNetwork("e2e-takeover", {});
    const web = new berth.ContainerApp("web", {
        network: net,
        image: "registry.example.com/shop/web:1.4.2",
        resources: { requests: { cpu: "100m" } },
        autoscaling: form === "policy" ? undefined : { ...scaling, formerPolicy: form === "inline" ? "web-scaling" : undefined },
    });
    if (form === "policy") {
        new berth.AutoscalingPolicy("web-scaling", { app: web, ...scaling });
    }
};
