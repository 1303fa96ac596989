import { z } from "zod";
import { argDefaults } from "./defaults";
import * as field from "./fields";
import { networkRef } from "./component-refs";
import { configMount, envMap, helperContainer, resources, security, volume } from "./container-app";
import { dependency, distinctDependencies } from "./dependencies";
import { initContainerRules } from "./helper-containers";
import { imageBuildSchema, imageOrBuild } from "./image-build";
import { distinctConfigMounts, distinctVolumes } from "./mount-paths";
import { Rule, rulesFor } from "../validation/rules";

/* A ContainerJob's args: a container that runs to completion, with the parts it shares with an app. */

export const containerJobSchema = z.strictObject({
    network: networkRef,
    target: field.target.optional(),
    // Exactly one of the two (imageOrBuild), as an app's.
    image: field.imageReference.optional(),
    build: imageBuildSchema.optional(),
    command: field.stringList.optional(),
    args: field.stringList.optional(),
    env: envMap.default(argDefaults.job.env),
    configs: z.array(configMount).default(argDefaults.job.configs),
    volumes: z.array(volume).default(argDefaults.job.volumes),
    resources: resources.prefault({}),
    labels: field.labels.default(argDefaults.job.labels),
    security: security.prefault({}),
    dependsOn: z.array(dependency).default(argDefaults.job.dependsOn),
    initContainers: z.array(helperContainer).default(argDefaults.job.initContainers),
    timeoutSeconds: field.wholeNumber(1, 86400).default(argDefaults.job.timeoutSeconds),
    retries: field.wholeNumber(0, 100).default(argDefaults.job.retries),
    skipAwait: z.boolean().optional(),
});

export type ContainerJobSpec = z.output<typeof containerJobSchema>;

const jobRule = rulesFor<ContainerJobSpec>();

/** A job runs to completion, once: its volumes are scratch space for that run, not data to keep. */
const ephemeralVolumes = jobRule(["volumes"], (job, _context, findings) => {
    job.volumes.forEach((v, index) => {
        if (v.persistent) {
            findings.problem("a job's volumes are ephemeral (scratch space for one run); keep data in an app, e.g. the database the job writes to", ["volumes", index, "persistent"]);
        }
    });
});

/** Rules between a ContainerJob's args, each run when the args it reads are valid. */
export const containerJobRules: Rule<ContainerJobSpec, undefined>[] = [imageOrBuild, distinctVolumes, distinctConfigMounts, ephemeralVolumes, distinctDependencies, ...initContainerRules];
