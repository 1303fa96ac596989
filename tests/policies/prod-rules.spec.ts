import * as assert from "assert";
import { healthChecksRequired, noMutableImageTags, resourceLimitsRequired } from "../../policies/pack";
import { handWrittenContainer, handWrittenDeployment, unknownString, violations } from "./helpers";

const deployment = "kubernetes:apps/v1:Deployment";
const container = "docker:index/container:Container";

describe("Policy berth-no-mutable-image-tags", () => {
    it("reports latest and untagged images of every container in prod, naming the container", async () => {
        assert.deepStrictEqual(await violations(noMutableImageTags, { type: deployment, props: handWrittenDeployment(), stack: "prod" }), [
            'container "legacy": "nginx" has no tag, which means latest; pin a version tag or a digest',
            'init container "migrate": "registry.example.com/shop/migrate:latest" uses the mutable tag latest; pin a version tag or a digest',
        ]);
    });

    it("reports a Docker container's and a pulled image's mutable tags", async () => {
        assert.deepStrictEqual(await violations(noMutableImageTags, { type: container, props: handWrittenContainer(), stack: "prod" }), [
            'container: "redis" has no tag, which means latest; pin a version tag or a digest',
        ]);
        assert.deepStrictEqual(await violations(noMutableImageTags, { type: "docker:index/remoteImage:RemoteImage", props: { name: "postgres:latest" }, stack: "prod" }), [
            'image: "postgres:latest" uses the mutable tag latest; pin a version tag or a digest',
        ]);
    });

    it("accepts version tags, digests, a registry port, and image ids", async () => {
        const images = ["registry.example.com:5000/shop/web:1.4.2", "redis@sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64)];
        for (const image of images) {
            assert.deepStrictEqual(await violations(noMutableImageTags, { type: container, props: { image }, stack: "prod" }), [], image);
        }
    });

    it("leaves other stacks alone unless their policy config says tier prod", async () => {
        const props = handWrittenDeployment();
        assert.deepStrictEqual(await violations(noMutableImageTags, { type: deployment, props, stack: "staging" }), []);
        assert.strictEqual((await violations(noMutableImageTags, { type: deployment, props, stack: "eu-live", config: { tier: "prod" } })).length, 2);
    });

    it("skips an image not known until apply", async () => {
        assert.deepStrictEqual(await violations(noMutableImageTags, { type: container, props: { image: unknownString }, stack: "prod" }), []);
    });
});

describe("Policy berth-resource-limits-required", () => {
    it("reports every container without a CPU or memory limit in prod", async () => {
        assert.deepStrictEqual(await violations(resourceLimitsRequired, { type: deployment, props: handWrittenDeployment(), stack: "prod" }), [
            'container "legacy" has no resource limits: set resources.limits.cpu and/or .memory (berth: ContainerApp resources.limits)',
            'init container "migrate" has no resource limits: set resources.limits.cpu and/or .memory (berth: ContainerApp resources.limits)',
        ]);
        assert.deepStrictEqual(await violations(resourceLimitsRequired, { type: container, props: handWrittenContainer(), stack: "prod" }), [
            "container has no resource limits: set memory and/or cpus (berth: ContainerApp resources.limits)",
        ]);
    });

    it("accepts a memory limit alone, or Docker's cpus alone", async () => {
        const props = handWrittenDeployment();
        const spec = (props.spec as any).template.spec;
        spec.containers[0].resources = { limits: { memory: "256Mi" } };
        spec.initContainers[0].resources = { requests: { cpu: "100m" }, limits: { cpu: "500m" } };
        assert.deepStrictEqual(await violations(resourceLimitsRequired, { type: deployment, props, stack: "prod" }), []);
        assert.deepStrictEqual(await violations(resourceLimitsRequired, { type: container, props: { ...handWrittenContainer(), cpus: "0.5" }, stack: "prod" }), []);
    });

    it("does not apply outside prod", async () => {
        assert.deepStrictEqual(await violations(resourceLimitsRequired, { type: container, props: handWrittenContainer(), stack: "dev" }), []);
    });
});

describe("Policy berth-health-checks-required", () => {
    it("reports a long-running container without probes in prod, not its init containers", async () => {
        assert.deepStrictEqual(await violations(healthChecksRequired, { type: deployment, props: handWrittenDeployment(), stack: "prod" }), [
            'container "legacy" has no health check: add a readinessProbe or livenessProbe (berth: ContainerApp healthCheck)',
        ]);
    });

    it("reports a Docker container without a health check, or with it turned off", async () => {
        const expected = ["container has no health check: set healthcheck.tests (berth: ContainerApp healthCheck)"];
        assert.deepStrictEqual(await violations(healthChecksRequired, { type: container, props: handWrittenContainer(), stack: "prod" }), expected);
        assert.deepStrictEqual(await violations(healthChecksRequired, { type: container, props: { ...handWrittenContainer(), healthcheck: { tests: ["NONE"] } }, stack: "prod" }), expected);
    });

    it("accepts a readiness probe, or a Docker health check command", async () => {
        const props = handWrittenDeployment();
        (props.spec as any).template.spec.containers[0].readinessProbe = { httpGet: { path: "/healthz", port: 80 } };
        assert.deepStrictEqual(await violations(healthChecksRequired, { type: deployment, props, stack: "prod" }), []);
        const healthcheck = { tests: ["CMD", "nc", "-z", "127.0.0.1", "6379"], interval: "10s" };
        assert.deepStrictEqual(await violations(healthChecksRequired, { type: container, props: { ...handWrittenContainer(), healthcheck }, stack: "prod" }), []);
    });
});

describe("Policy berth-health-checks-required and runs to completion", () => {
    const job = "kubernetes:batch/v1:Job";

    it("asks no health check of a Job's container, nor of a Docker container that runs to completion (a job, an init container)", async () => {
        const props = { spec: { template: { spec: { containers: [{ name: "migrate", image: "m:1" }], restartPolicy: "Never" } } } };
        assert.deepStrictEqual(await violations(healthChecksRequired, { type: job, props, stack: "prod" }), []);
        const run = { ...handWrittenContainer(), attach: true, mustRun: false };
        assert.deepStrictEqual(await violations(healthChecksRequired, { type: container, props: run, stack: "prod" }), []);
    });

    it("still asks it of a Docker container that is only attached to but must keep running", async () => {
        const attached = { ...handWrittenContainer(), attach: true, mustRun: true };
        assert.strictEqual((await violations(healthChecksRequired, { type: container, props: attached, stack: "prod" })).length, 1);
    });

    it("still checks the limits and image of a Job's containers", async () => {
        const props = { spec: { template: { spec: { containers: [{ name: "migrate", image: "m:latest" }] } } } };
        assert.deepStrictEqual(await violations(resourceLimitsRequired, { type: job, props, stack: "prod" }), [
            'container "migrate" has no resource limits: set resources.limits.cpu and/or .memory (berth: ContainerApp resources.limits)',
        ]);
        assert.strictEqual((await violations(noMutableImageTags, { type: job, props, stack: "prod" })).length, 1);
    });
});
