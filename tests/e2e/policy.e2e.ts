import * as assert from "assert";
import { execFile } from "child_process";
import { randomBytes } from "crypto";
import * as path from "path";
import { promisify } from "util";
import { ConfigMap } from "@pulumi/pulumi/automation";
import { ensureDockerPlugin, LocalDocker } from "./docker-engine";
import { LocalCluster } from "./kubernetes-cluster";
import { E2EStack } from "./stack";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * berth's policy pack (policies/) in a real `pulumi preview --policy-pack
 * policies`: the engine built by tools/bootstrap starts the pack through our
 * Node.js language host and sends it every resource of the preview. A stack
 * that breaks the rules (tests/e2e/projects/policy) fails, naming each rule
 * and resource; the same stack with each violation fixed passes. The shop
 * passes: its dev stack on Docker, its prod stack on Kubernetes. Previews
 * only: nothing is deployed, so a stack only needs removing.
 */

const execFileAsync = promisify(execFile);

const packDir = path.join(repoRoot, "policies");
/** The policy config that makes a stack not named `prod` prod (the suite's stacks are named e2e-policy-*). */
const prodTierConfig = path.join(packDir, "prod-tier.json");
const policyProject = path.join(repoRoot, "tests", "e2e", "projects", "policy");
/** Fixes every violation of the policy project (tests/e2e/projects/policy). */
const compliant: ConfigMap = { "berth-e2e-policy:compliant": { value: "true" } };
/** The plain-text password the violating stack puts in an env var; no output may show it. */
const plaintextPassword = "correct-horse-battery-staple";

describe("berth's policy pack in a real pulumi preview", function () {
    before(function () {
        useBuiltTools();
    });

    describe("on Kubernetes (a local API server)", function () {
        let cluster: LocalCluster | undefined;

        before(function () {
            cluster = LocalCluster.ensure();
        });

        after(function () {
            cluster?.stopIfStartedHere();
        });

        describe("a prod stack that passes berth's own prod checks but breaks the pack's rules", function () {
            let run: PolicyRun;

            before(async function () {
                run = await previewOnce(policyProject, "kubernetes", { "kubernetes:kubeconfig": { value: cluster!.kubeconfig } }, true);
            });

            it("fails the preview", () => {
                assert.notStrictEqual(run.exitCode, 0, run.output);
                assert.match(run.output, /❌ berth@v0\.1\.0/);
            });

            it("names each broken rule with the resource that breaks it, and nothing else", () => {
                assert.deepStrictEqual(violations(run.output), [
                    "berth-health-checks-required kubernetes:apps/v1:Deployment legacy-agent",
                    "berth-ingress-tls-required kubernetes:networking.k8s.io/v1:Ingress web",
                    "berth-no-mutable-image-tags kubernetes:apps/v1:Deployment legacy-agent",
                    "berth-no-plaintext-secrets kubernetes:apps/v1:Deployment api",
                    "berth-no-privileged-containers kubernetes:apps/v1:Deployment legacy-agent",
                    "berth-resource-limits-required kubernetes:apps/v1:Deployment legacy-agent",
                ]);
            });

            it("says what is wrong in words (the host, the image, the env var) without printing the secret", () => {
                assert.match(run.output, /serves policy\.example\.com without TLS/);
                assert.match(run.output, /"nginx:latest" uses the mutable tag latest/);
                assert.match(run.output, /container "agent" runs privileged/);
                assert.match(run.output, /env DB_PASSWORD looks like a secret in a plain env var/);
                assert.ok(!run.output.includes(plaintextPassword), "the password's value is in the preview output");
            });
        });

        describe("the same stack with each violation fixed", function () {
            it("passes: the password a Pulumi secret (so a Secret reference), TLS on the ingress, the agent pinned, unprivileged, with limits and a probe", async () => {
                const run = await previewOnce(policyProject, "kubernetes", { ...compliant, "kubernetes:kubeconfig": { value: cluster!.kubeconfig } }, true);
                assert.strictEqual(run.exitCode, 0, run.output);
                assert.match(run.output, /✅ berth@v0\.1\.0/);
                assert.deepStrictEqual(violations(run.output), []);
            });
        });

        describe("the shop's prod stack", function () {
            it("passes every rule: pinned images, limits, health checks, secrets in Secrets, TLS on its public ingress", async () => {
                const run = await previewOnce(
                    repoRoot,
                    "prod",
                    {
                        "berth-shop:apiToken": { value: `e2e-api-token-${randomBytes(12).toString("hex")}`, secret: true },
                        "berth:skipAwait": { value: "true" },
                        "kubernetes:kubeconfig": { value: cluster!.kubeconfig },
                    },
                    true,
                );
                assert.strictEqual(run.exitCode, 0, run.output);
                assert.match(run.output, /✅ berth@v0\.1\.0/);
                assert.deepStrictEqual(violations(run.output), []);
            });
        });
    });

    describe("on Docker (a local dockerd)", function () {
        let engine: LocalDocker | undefined;

        before(function () {
            ensureDockerPlugin();
            engine = LocalDocker.ensure();
        });

        after(function () {
            engine?.stopIfStartedHere();
        });

        describe("a prod stack that passes berth's own prod checks but breaks the pack's rules", function () {
            let run: PolicyRun;

            before(async function () {
                run = await previewOnce(policyProject, "docker", {}, true);
            });

            it("fails the preview", () => {
                assert.notStrictEqual(run.exitCode, 0, run.output);
                assert.match(run.output, /❌ berth@v0\.1\.0/);
            });

            it("names each broken rule with the container that breaks it, every replica of the api included", () => {
                assert.deepStrictEqual(violations(run.output), [
                    "berth-health-checks-required docker:index:Container legacy-agent",
                    "berth-no-mutable-image-tags docker:index:Container legacy-agent",
                    "berth-no-plaintext-secrets docker:index:Container api-0",
                    "berth-no-plaintext-secrets docker:index:Container api-1",
                    "berth-no-privileged-containers docker:index:Container legacy-agent",
                    "berth-resource-limits-required docker:index:Container legacy-agent",
                ]);
                assert.ok(!run.output.includes(plaintextPassword), "the password's value is in the preview output");
            });
        });

        describe("the same stack with each violation fixed", function () {
            it("passes: the api's env list, holding the password as a Pulumi secret, is declared secret; the agent pinned, unprivileged, with a memory limit and a health check", async () => {
                const run = await previewOnce(policyProject, "docker", compliant, true);
                assert.strictEqual(run.exitCode, 0, run.output);
                assert.match(run.output, /✅ berth@v0\.1\.0/);
                assert.deepStrictEqual(violations(run.output), []);
            });
        });

        describe("the shop's dev stack", function () {
            it("passes although its api containers' uploads hold the API token (a file, secretsAsFiles): berth declares the uploads secret (additionalSecretOutputs)", async () => {
                const run = await previewOnce(repoRoot, "dev", { "berth-shop:apiToken": { value: `e2e-api-token-${randomBytes(12).toString("hex")}`, secret: true } }, false);
                assert.strictEqual(run.exitCode, 0, run.output);
                assert.match(run.output, /✅ berth@v0\.1\.0/);
                assert.deepStrictEqual(violations(run.output), []);
            });
        });
    });
});

/** What `pulumi preview --policy-pack` printed (stdout and stderr) and how it exited. */
interface PolicyRun {
    exitCode: number;
    output: string;
}

/**
 * Previews a throwaway stack `e2e-policy-<base>` of a project (config of its
 * Pulumi.<base>.yaml plus overrides) with the pack, as the docs give the
 * command (`pulumi preview --policy-pack <repo>/policies`); with the prod tier
 * config when `prod`. The stack is removed afterwards. Its own stack name, so
 * it never shares a stack file with the other suites' e2e-<base> stacks of the
 * same project.
 */
async function previewOnce(projectDir: string, base: string, overrides: ConfigMap, prod: boolean): Promise<PolicyRun> {
    const stack = await E2EStack.create(projectDir, base, overrides, `e2e-policy-${base}`);
    const args = ["preview", "--stack", stack.stack.name, "--non-interactive", "--policy-pack", packDir, ...(prod ? ["--policy-pack-config", prodTierConfig] : [])];
    try {
        const { stdout, stderr } = await execFileAsync("pulumi", args, { cwd: projectDir, env: { ...process.env, ...stack.env }, maxBuffer: 64 * 1024 * 1024 });
        return { exitCode: 0, output: stdout + stderr };
    } catch (error) {
        const failed = error as { code?: number | string; stdout?: string; stderr?: string };
        if (typeof failed.code !== "number") {
            throw error;
        }
        return { exitCode: failed.code, output: (failed.stdout ?? "") + (failed.stderr ?? "") };
    } finally {
        await stack.remove();
    }
}

/**
 * The violations in the preview's Policies section, as `rule type name`,
 * sorted. The CLI prints each as `- [mandatory]  <rule>  (<type>: <name>)`.
 */
function violations(output: string): string[] {
    return [...output.matchAll(/^\s*- \[(?:mandatory|advisory)\]\s+(\S+)\s+\((\S+): ([^)]+)\)\s*$/gm)].map(([, rule, type, name]) => `${rule} ${type} ${name}`).sort();
}
