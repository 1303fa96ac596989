import * as pulumi from "@pulumi/pulumi";
import { systemProgram, variants, Variant } from "./systems";

/**
 * The Pulumi program of the real-engine benchmark: the benchmark system on
 * Kubernetes, berth's or the hand-written one, as the stack's config says
 * (bench:variant, bench:apps, bench:network). Plain JavaScript once compiled,
 * so the engine runs both the same way (no ts-node compiling berth on the fly).
 */
const config = new pulumi.Config("bench");
const variant = config.require("variant") as Variant;
if (!variants.includes(variant)) {
    throw new Error(`bench:variant must be one of ${variants.join(", ")} (got "${variant}")`);
}
systemProgram(variant, "kubernetes")(config.requireNumber("apps"), { network: config.require("network"), skipAwait: true });
