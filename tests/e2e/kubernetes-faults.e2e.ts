import * as assert from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { Kind, KubeApi, KubeObject, namespacedKinds, waitFor } from "./kubernetes-api";
import { expectNamespaceAbsent, expectNothingLeft, managedByBerth } from "./kubernetes-namespace";
import { OwnCluster } from "./kubernetes-own-cluster";
import { changes } from "./kubernetes-preview";
import { PulumiUpProcess } from "./pulumi-up-process";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * Faults injected into the shop's prod stack on Kubernetes, for real (issue 9,
 * part 3; docs/reliability.md): the Pulumi engine and Kubernetes provider built
 * by tools/bootstrap against a tools/cluster control plane that this suite owns,
 * because it stops that cluster's API server mid-test. Each describe injects
 * one fault into a stack of its own and tells what follows, step by step; each
 * ends with the e2e suites' own checks: the next preview reports no changes and
 * destroy leaves nothing behind. No kubelet: the stacks set berth:skipAwait.
 */

/** Not /tmp/berth-cluster, which the Kubernetes suite may be using meanwhile. */
const clusterDir = process.env.BERTH_FAULTS_CLUSTER_DIR ?? "/tmp/berth-faults-cluster";
const namespace = "shop";
const configHash = "berth.dev/config-hash";
/** How long the namespace controller may take to finish deleting a namespace on this loaded machine. */
/** How long pulumi up may take to reach a step on this loaded machine (the program is compiled first). */
const stepReachedMs = 300_000;

/** Every object the shop's prod stack declares in its namespace, by kind. */
const declaredObjects: Partial<Record<Kind, string[]>> = {
    ConfigMap: ["shop-config"],
    Secret: ["shop-config"],
    Service: ["api", "cache", "web"],
    Deployment: ["api", "cache", "web"],
    NetworkPolicy: ["api-allow", "api-allow-egress", "cache-allow", "default-deny-egress", "default-deny-ingress", "web-allow", "web-allow-egress"],
    Ingress: ["web"],
    HorizontalPodAutoscaler: ["api"],
};

let cluster: OwnCluster;
let api: KubeApi;

describe("berth on Kubernetes under injected faults (the shop's prod stack, real engine, a local API server of the suite's own)", function () {
    before(function () {
        useBuiltTools();
        cluster = OwnCluster.startFresh(clusterDir);
        api = KubeApi.fromKubeconfig(cluster.kubeconfig);
    });

    after(function () {
        cluster?.stop();
    });

    describe("the API server stopped in the middle of the first up, then started again", function () {
        stopAtFirstFailure();
        const token = newToken();
        let stack: E2EStack;

        before(async function () {
            await expectNamespaceAbsent(api, namespace);
            stack = await createShopStack(token);
        });

        after(async function () {
            cluster.restart(); // a no-op unless a failed step left the cluster stopped
            await stack?.dispose();
        });

        it("the interrupted up fails with a connection error, and the state it leaves exports and parses (pending operations listed)", async () => {
            const up = PulumiUpProcess.start(stack);
            await up.waitForLine(/kubernetes:core\/v1:Namespace shop created/, stepReachedMs);
            // The objects in the namespace are requested now; the frozen provider sends none until the API server is gone.
            up.freezeProvider(true);
            try {
                cluster.stop();
            } finally {
                up.freezeProvider(false);
            }
            const exitCode = await up.exited;
            assert.notStrictEqual(exitCode, 0, `the interrupted up reports failure; its output:\n${up.text}`);
            const address = new URL(cluster.server).host;
            assert.ok(up.text.includes(`dial tcp ${address}: connect: connection refused`), `up names the connection error; its output:\n${up.text}`);
            assert.match(up.text, /update failed/);

            const state = await exportedDeployment(stack);
            assert.ok(Array.isArray(state.resources), "the export parses and lists resources");
            assert.ok(
                state.resources.some((r) => r.type === "kubernetes:core/v1:Namespace"),
                "the namespace created before the fault is in the state",
            );
            const pending = state.pending_operations ?? [];
            console.log(`      pending operations after the fault: ${pending.length ? pending.map((p) => `${p.type} ${p.resource.urn}`).join(", ") : "none"}`);
            for (const operation of pending) {
                assert.match(operation.resource.urn, /^urn:pulumi:/, "each pending operation names its resource");
            }
        });

        it("with the API server back on the same address, a rerun of up converges: every object is in the API server as declared", async () => {
            cluster.restart();
            // A create the API server carried out but could not answer leaves an object the state does not know; up adopts it.
            const known = new Set((await exportedDeployment(stack)).resources.map((r) => r.outputs?.metadata?.uid));
            const unknown: string[] = [];
            for (const kind of namespacedKinds) {
                for (const object of await api.list(kind, namespace, managedByBerth)) {
                    if (!known.has(object.metadata.uid)) {
                        unknown.push(`${kind}/${object.metadata.name}`);
                    }
                }
            }
            console.log(`      objects in the API server the state does not know: ${unknown.join(", ") || "none"}`);
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            assert.ok((result.summary.resourceChanges?.create ?? 0) > 0, "the rerun creates what the fault cut off");
            await expectShopAsDeclared(stack, token);
        });

        it("the next preview reports no changes", async () => {
            assert.deepStrictEqual(changes(await stack.previewJson()), {});
        });

        it("destroy removes every object", async () => {
            await destroyAndExpectNothingLeft(stack);
        });
    });

    describe("a Deployment and the app's Secret deleted out of band with the API", function () {
        stopAtFirstFailure();
        const token = newToken();
        let stack: E2EStack;
        let original: { deployment: KubeObject; secret: KubeObject; stateUrns: string[] };

        before(async function () {
            await expectNamespaceAbsent(api, namespace);
            stack = await createShopStack(token);
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
        });

        after(async function () {
            await stack?.dispose();
        });

        it("refresh reports exactly them deleted and drops them from the state", async () => {
            original = {
                deployment: await api.mustGet("Deployment", "api", namespace),
                secret: await api.mustGet("Secret", "shop-config", namespace),
                stateUrns: kubernetesUrns(await exportedDeployment(stack)),
            };
            await api.delete("Deployment", "api", namespace);
            await api.delete("Secret", "shop-config", namespace);
            await waitFor("the Deployment and the Secret to be gone", 60_000, async () =>
                (await api.get("Deployment", "api", namespace)) || (await api.get("Secret", "shop-config", namespace)) ? undefined : true,
            );

            const refresh = await stack.stack.refresh({ color: "never" });
            assert.deepStrictEqual(nonSame(refresh.summary.resourceChanges), { delete: 2 });
            const stateUrns = kubernetesUrns(await exportedDeployment(stack));
            assert.deepStrictEqual(
                original.stateUrns.filter((urn) => !stateUrns.includes(urn)).map(typeAndName).sort(),
                ["kubernetes:apps/v1:Deployment::api", "kubernetes:core/v1:Secret::shop-config-secret"],
            );
        });

        it("up recreates exactly them, equal to the objects it had declared", async () => {
            assert.deepStrictEqual(changes(await stack.previewJson()), {
                "kubernetes:apps/v1:Deployment::api": "create",
                "kubernetes:core/v1:Secret::shop-config-secret": "create",
            });
            const result = await stack.stack.up({ color: "never" });
            assert.deepStrictEqual(nonSame(result.summary.resourceChanges), { create: 2 });

            const deployment = await api.mustGet("Deployment", "api", namespace);
            const secret = await api.mustGet("Secret", "shop-config", namespace);
            assert.notStrictEqual(deployment.metadata.uid, original.deployment.metadata.uid, "a new Deployment");
            assert.notStrictEqual(secret.metadata.uid, original.secret.metadata.uid, "a new Secret");
            assert.deepStrictEqual(deployment.metadata.labels, original.deployment.metadata.labels);
            assert.deepStrictEqual(deployment.spec.selector, original.deployment.spec.selector);
            assert.deepStrictEqual(deployment.spec.template, original.deployment.spec.template);
            assert.deepStrictEqual(secret.metadata.labels, original.secret.metadata.labels);
            assert.deepStrictEqual(secret.data, original.secret.data);
            await expectShopAsDeclared(stack, token);
        });

        it("the next preview reports no changes", async () => {
            assert.deepStrictEqual(changes(await stack.previewJson()), {});
        });

        it("destroy removes every object", async () => {
            await destroyAndExpectNothingLeft(stack);
        });
    });

    describe("an update that rolls the Deployments interrupted by SIGINT once its first step has started", function () {
        stopAtFirstFailure();
        const token = newToken();
        let stack: E2EStack;
        /** The pod-template hash of each config user before the change. */
        const rolloutHashes: Record<string, string> = {};

        before(async function () {
            await expectNamespaceAbsent(api, namespace);
            stack = await createShopStack(token);
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            for (const name of ["api", "web"]) {
                rolloutHashes[name] = (await api.mustGet("Deployment", name, namespace)).spec.template.metadata.annotations[configHash];
            }
        });

        after(async function () {
            await stack?.dispose();
        });

        it("the engine cancels or finishes the step in flight, starts no other, and stops cleanly: no pending operations are left, or refresh --clear-pending-creates clears them", async () => {
            // A new greeting updates the ConfigMap and rolls api and web through their pod-template hash.
            await stack.stack.setConfig("berth-shop:greeting", { value: "hello after the interrupt" });
            const change = {
                "kubernetes:core/v1:ConfigMap::shop-config": "update",
                "kubernetes:apps/v1:Deployment::api": "update",
                "kubernetes:apps/v1:Deployment::web": "update",
            };
            assert.deepStrictEqual(changes(await stack.previewJson()), change);

            const up = PulumiUpProcess.start(stack);
            const [, type, name] = /(kubernetes:\S+) (\S+) updating/.exec(await up.waitForLine(/^\s*\S+\s+kubernetes:\S+ \S+ updating/, stepReachedMs))!;
            // The first step stays in flight until the engine has taken the interrupt.
            up.freezeProvider(true);
            try {
                up.interrupt();
                await up.waitForLine(/received; cancelling/, 60_000);
            } finally {
                up.freezeProvider(false);
            }
            const exitCode = await up.exited;
            assert.notStrictEqual(exitCode, 0, `the interrupted up does not report success; its output:\n${up.text}`);

            const pending = (await exportedDeployment(stack)).pending_operations ?? [];
            console.log(`      pending operations after SIGINT: ${pending.length ? pending.map((p) => `${p.type} ${p.resource.urn}`).join(", ") : "none"}`);
            if (pending.length > 0) {
                await stack.stack.refresh({ color: "never", clearPendingCreates: true });
                assert.deepStrictEqual((await exportedDeployment(stack)).pending_operations ?? [], [], "refresh cleared them");
            }
            const inFlight = `${type}::${name}`;
            assert.ok(inFlight in change, `the first step (${inFlight}) is part of the change`);
            const left = changes(await stack.previewJson());
            console.log(`      the step in flight (${inFlight}) was ${inFlight in left ? "cancelled" : "finished"}`);
            // Done or cancelled, the step in flight may go either way; every other step is still to do.
            assert.deepStrictEqual({ ...left, [inFlight]: "update" }, change, `the engine started no other step; the interrupted up printed:\n${up.text}`);
        });

        it("the next up completes the change: the new config reaches the ConfigMap and the pod templates of api and web", async () => {
            const result = await stack.stack.up({ color: "never" });
            assert.strictEqual(result.summary.result, "succeeded");
            const configMap = await api.mustGet("ConfigMap", "shop-config", namespace);
            assert.deepStrictEqual(configMap.data, { GREETING: "hello after the interrupt", "shop.conf": "greeting=hello after the interrupt\n" });
            for (const name of ["api", "web"]) {
                const hash = (await api.mustGet("Deployment", name, namespace)).spec.template.metadata.annotations[configHash];
                assert.notStrictEqual(hash, rolloutHashes[name], `${name}'s pod template carries the new config's hash`);
            }
            await expectShopAsDeclared(stack, token, "hello after the interrupt");
        });

        it("the next preview reports no changes", async () => {
            assert.deepStrictEqual(changes(await stack.previewJson()), {});
        });

        it("destroy removes every object", async () => {
            await destroyAndExpectNothingLeft(stack);
        });
    });
});

/**
 * The shop's prod stack, named e2e-faults: the Kubernetes suite, which may run
 * meanwhile in this project dir, owns e2e-prod and its stack file.
 */
function createShopStack(token: string): Promise<E2EStack> {
    return E2EStack.create(
        repoRoot,
        "prod",
        {
            "berth-shop:apiToken": { value: token, secret: true },
            "berth:skipAwait": { value: "true" },
            "kubernetes:kubeconfig": { value: cluster.kubeconfig },
        },
        "e2e-faults",
    );
}

function newToken(): string {
    return `e2e-faults-token-${randomBytes(12).toString("hex")}`;
}

/** The parts of `pulumi stack export`'s deployment the tests read. */
interface ExportedDeployment {
    resources: Array<{ urn: string; type: string; outputs?: { metadata?: { name: string; namespace?: string; uid: string } } }>;
    pending_operations?: Array<{ type: string; resource: { urn: string } }>;
}

async function exportedDeployment(stack: E2EStack): Promise<ExportedDeployment> {
    return (JSON.parse(await stack.exportedState()) as { deployment: ExportedDeployment }).deployment;
}

/** The URNs of the Kubernetes objects in the state (not the provider). */
function kubernetesUrns(state: ExportedDeployment): string[] {
    return state.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.urn);
}

/** `<type>::<name>` of a URN, e.g. `kubernetes:apps/v1:Deployment::api`. */
function typeAndName(urn: string): string {
    const [, , types, name] = urn.split("::");
    return `${types.split("$").pop()}::${name}`;
}

/**
 * Every object the stack declares is in the API server, none more, and the
 * state points at them (same uid); the config, the token and the images are
 * the declared ones, and the config users' pod templates carry a config hash.
 */
async function expectShopAsDeclared(stack: E2EStack, token: string, greeting = "hello from berth"): Promise<void> {
    await api.mustGet("Namespace", namespace);
    for (const kind of namespacedKinds) {
        const names = (await api.list(kind, namespace, managedByBerth)).filter((o) => !o.metadata.deletionTimestamp).map((o) => o.metadata.name);
        assert.deepStrictEqual(names.sort(), declaredObjects[kind] ?? [], `the ${kind} objects in ${namespace}`);
    }

    const state = await exportedDeployment(stack);
    const objects = state.resources.filter((r) => r.type.startsWith("kubernetes:"));
    assert.strictEqual(objects.length, 1 + Object.values(declaredObjects).flat().length, "the state holds every object, once");
    for (const object of objects) {
        const kind = object.type.split(":").pop() as Kind;
        const metadata = object.outputs!.metadata!;
        const live = await api.mustGet(kind, metadata.name, metadata.namespace);
        assert.strictEqual(live.metadata.uid, metadata.uid, `the state's ${kind} ${metadata.name} is the live one`);
    }

    const configMap = await api.mustGet("ConfigMap", "shop-config", namespace);
    assert.deepStrictEqual(configMap.data, { GREETING: greeting, "shop.conf": `greeting=${greeting}\n` });
    const secret = await api.mustGet("Secret", "shop-config", namespace);
    assert.strictEqual(Buffer.from(secret.data!.API_TOKEN, "base64").toString(), token);
    const images = parse(fs.readFileSync(path.join(repoRoot, "Pulumi.prod.yaml"), "utf8")).config as Record<string, string>;
    for (const name of ["api", "cache", "web"]) {
        const deployment = await api.mustGet("Deployment", name, namespace);
        assert.strictEqual(deployment.spec.template.spec.containers[0].image, images[`berth-shop:${name}Image`]);
        const hash = deployment.spec.template.metadata.annotations?.[configHash];
        if (name === "cache") {
            assert.strictEqual(hash, undefined, "cache uses no config");
        } else {
            assert.match(hash, /^[0-9a-f]{64}$/, `${name}'s pod template rolls on its config hash`);
        }
    }
}

/** Destroy succeeds, no berth object is left, and the namespace goes (or, without controllers, is terminating). */
async function destroyAndExpectNothingLeft(stack: E2EStack): Promise<void> {
    const result = await stack.stack.destroy({ color: "never" });
    assert.strictEqual(result.summary.result, "succeeded");
    await expectNothingLeft(api, namespace, cluster.controllersRun);
}

/** The resource changes of an update other than `same`. */
function nonSame(resourceChanges: Record<string, number> | undefined): Record<string, number> {
    return Object.fromEntries(Object.entries(resourceChanges ?? {}).filter(([op]) => op !== "same"));
}
