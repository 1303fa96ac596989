import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { specialOutputValueSig, specialResourceSig, specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { BerthProvider, ComponentRegistry } from "../../provider/berth-provider";
import { expectNoPlaintext, resolveOutput, runProgram } from "../../components/testing";
import { apiToken, onTarget, runShop } from "../programs";

/*
 * Construct calls as the Pulumi engine makes them for a YAML or Python
 * program: inputs go through Pulumi's own provider-server deserialiser
 * (deserializeInputs), with component references, secrets, output values and
 * per-input dependencies encoded the way they travel on the wire.
 */

type Wire = unknown;

const wire = {
    ref: (urn: string): Wire => ({ [specialSigKey]: specialResourceSig, urn }),
    secret: (value: Wire): Wire => ({ [specialSigKey]: specialSecretSig, value }),
    output: (value: Wire, options: { secret?: boolean; dependencies?: string[] } = {}): Wire => ({
        [specialSigKey]: specialOutputValueSig,
        ...(value === undefined ? {} : { value }),
        secret: options.secret ?? false,
        dependencies: options.dependencies ?? [],
    }),
    unknown: unknownValue as Wire,
};

/** Pulumi's provider server turns a ConstructRequest's inputs into component inputs with this (internal) function. */
const deserializeInputs: (struct: { toJavaScript(): unknown }, dependencies: Map<string, { getUrnsList(): string[] }>) => Promise<pulumi.Inputs> =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("@pulumi/pulumi/provider/server").deserializeInputs;

// One registry for the process: Pulumi keeps the first resource module registered for berth.
const registry = new ComponentRegistry();
registry.registerResourceModule();
const berthProvider = new BerthProvider(registry);

interface Built {
    urn: string;
    state: pulumi.Inputs;
}

/** One Construct call: `inputs` as on the wire, `dependencies` per input as the engine sends them. */
async function construct(type: string, name: string, inputs: Record<string, Wire>, dependencies: Record<string, string[]> = {}): Promise<Built> {
    const deps = new Map(Object.entries(dependencies).map(([key, urns]) => [key, { getUrnsList: () => urns }]));
    const args = await deserializeInputs({ toJavaScript: () => inputs }, deps);
    const result = await berthProvider.construct(name, `berth:index:${type}`, args, {});
    return { urn: (await resolveOutput(result.urn)).value, state: result.state };
}

/** The README's shop, built through the provider the way a YAML program builds it. */
async function shopOverTheWire(options: { tokenOnTheWire?: Wire } = {}) {
    const net = await construct("AppNetwork", "shop", {});
    const cfg = await construct(
        "AppConfig",
        "web-config",
        {
            network: wire.ref(net.urn),
            files: { "app.yaml": "greeting: hello\n" },
            values: { LOG_LEVEL: "info" },
            secrets: { API_TOKEN: options.tokenOnTheWire ?? wire.secret(apiToken) },
        },
        { network: [net.urn] },
    );
    const web = await construct(
        "ContainerApp",
        "web",
        {
            network: wire.ref(net.urn),
            image: "registry.example.com/shop/web:1.4.2@sha256:4dbb1efc9c4f883128bd77839566dafbc05d0e2fb4af6ce1172b68170b1d57d9",
            ports: [{ name: "http", port: 8080, publish: 8080 }],
            env: { MODE: "prod" },
            configs: [{ config: wire.ref(cfg.urn), mountPath: "/etc/web" }],
            healthCheck: { http: { path: "/healthz", port: 8080 } },
            resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
            replicas: 1,
        },
        { network: [net.urn], configs: [cfg.urn] },
    );
    return { net, cfg, web };
}

/** Some resource of the consuming program whose outputs feed an arg. */
const otherResource = "urn:pulumi:test::berth-test::random:index:RandomInteger::replicas";

/** A network "shop" and an app "web" on it, with `inputs` (wire-encoded) added to the app's network and image. */
async function webOnShop(inputs: Record<string, Wire>, dependencies: Record<string, string[]> = {}): Promise<{ net: Built; web: Built }> {
    const net = await construct("AppNetwork", "shop", {});
    const web = await construct(
        "ContainerApp",
        "web",
        { network: wire.ref(net.urn), image: "registry.example.com/shop/web:1.4.2@sha256:4dbb1efc9c4f883128bd77839566dafbc05d0e2fb4af6ce1172b68170b1d57d9", ...inputs },
        { network: [net.urn], ...dependencies },
    );
    return { net, web };
}

async function errorOf(program: () => Promise<unknown>, target = "kubernetes"): Promise<Error> {
    try {
        await runProgram(program, onTarget(target));
    } catch (error) {
        return error as Error;
    }
    throw new Error("expected the program to fail, but it succeeded");
}

describe("the component provider's Construct", () => {
    for (const target of ["kubernetes", "docker"]) {
        it(`builds on ${target} exactly what the same TypeScript program builds`, async () => {
            const typescript = await runShop(target);
            const overTheWire = await runProgram(() => shopOverTheWire(), onTarget(target));
            assert.deepStrictEqual(overTheWire.graph.snapshot(), typescript.graph.snapshot());
        });
    }

    it("resolves component references (network, configs[].config) to the components this process built", async () => {
        const { graph } = await runProgram(() => shopOverTheWire(), onTarget("kubernetes"));
        const deployment = graph.inputs("kubernetes:apps/v1:Deployment", "web");
        assert.strictEqual(deployment.metadata.namespace, "shop");
        assert.ok(deployment.spec.template.metadata.annotations["berth.dev/config-hash"], "the app rolls with its config");
    });

    it("returns exactly the schema's outputs as the component's state", async () => {
        const { result } = await runProgram(() => shopOverTheWire(), onTarget("kubernetes"));
        assert.deepStrictEqual(Object.keys(result.net.state).sort(), ["networkName", "target"]);
        assert.deepStrictEqual(Object.keys(result.cfg.state).sort(), ["configMapName", "hash", "secretName"]);
        assert.deepStrictEqual(Object.keys(result.web.state).sort(), ["address", "host", "resourceNames", "url"]);
        assert.strictEqual((await resolveOutput(result.web.state.address)).value, "web.shop.svc:8080");
    });

    it("keeps a secret secret, whether it arrives as a secret or as a secret output value", async () => {
        for (const token of [wire.secret(apiToken), wire.output(apiToken, { secret: true })]) {
            const { graph } = await runProgram(() => shopOverTheWire({ tokenOnTheWire: token }), onTarget("kubernetes"));
            expectNoPlaintext(graph, [apiToken]);
            assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:Secret", "web-config-secret").stringData, { API_TOKEN: apiToken });
        }
    });

    it("lifts Input values out of a top-level input the server wrapped, keeping their secrecy", async () => {
        // A nested secret makes the server wrap the whole map in one secret Output.
        const { graph } = await runProgram(() => webOnShop({ env: { MODE: "prod", TOKEN: wire.secret(apiToken) } }), onTarget("kubernetes"));
        expectNoPlaintext(graph, [apiToken]);
    });

    it("builds a job's and an init container's image from source", async () => {
        const { graph } = await runProgram(async () => {
            const net = await construct("AppNetwork", "shop", {});
            const build = { context: "tests/fixtures/build/plain", args: { RELEASE: "1.2" } };
            return construct("ContainerJob", "seed", { network: wire.ref(net.urn), build, initContainers: [{ name: "fetch", build }] }, { network: [net.urn] });
        }, onTarget("docker"));
        assert.deepStrictEqual(graph.inputs("docker:index/remoteImage:RemoteImage", "seed-image").build.buildArgs, { RELEASE: "1.2" });
        assert.match(graph.inputs("docker:index/remoteImage:RemoteImage", "seed-image").name, /^shop\/seed:[0-9a-f]{16}$/);
        assert.match(graph.inputs("docker:index/remoteImage:RemoteImage", "seed.fetch-image").name, /^shop\/seed\.fetch:[0-9a-f]{16}$/);
        assert.match(graph.inputs("docker:index/container:Container", "seed").image, /^sha256:/);
    });

    it("takes a plain arg that arrives as a known output value", async () => {
        const known = wire.output(3, { dependencies: [otherResource] });
        const { graph } = await runProgram(() => webOnShop({ replicas: known }, { replicas: [otherResource] }), onTarget("kubernetes"));
        assert.strictEqual(graph.inputs("kubernetes:apps/v1:Deployment", "web").spec.replicas, 3);
    });

    it("refuses a plain arg that is not known during preview, naming it", async () => {
        const unknown = wire.output(undefined, { dependencies: [otherResource] });
        const error = await errorOf(() => webOnShop({ replicas: unknown }, { replicas: [otherResource] }));
        assert.match(error.message, /^replicas is not known yet .* it must be a plain value$/);
    });

    it("reports validation errors the way a TypeScript program sees them", async () => {
        const error = await errorOf(() => webOnShop({ ports: [{ port: 70000 }], healthCheck: { http: { path: "healthz", port: 8080 } } }));
        assert.strictEqual(error.message, 'ContainerApp "web": ports[0].port must be between 1 and 65535; healthCheck.http.path must start with "/"');
    });

    it("refuses a reference to a component this provider process did not build", async () => {
        const error = await errorOf(async () => {
            await construct("AppConfig", "c", { network: "urn:pulumi:test::berth-test::berth:index:AppNetwork::elsewhere" });
        });
        assert.match(error.message, /^network: berth:index:AppNetwork urn:pulumi:.*::elsewhere was not built by this berth provider process/);
    });

    it("refuses an AutoscalingPolicy, whose app was deployed in an earlier call, and says what to do", async () => {
        const error = await errorOf(async () => {
            const { web } = await webOnShop({ resources: { requests: { cpu: "250m" } } });
            await construct("AutoscalingPolicy", "web-scaling", { app: wire.ref(web.urn), minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 }, { app: [web.urn] });
        });
        assert.match(error.message, /^AutoscalingPolicy "web-scaling": through the berth provider .* app "web" was deployed .* Give the app its own autoscaling arg instead/);
    });

    it("autoscales an app through its own autoscaling arg: the HorizontalPodAutoscaler owns the Deployment's count", async () => {
        const { graph } = await runProgram(
            () => webOnShop({ resources: { requests: { cpu: "250m" } }, autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70, scaleDown: { podsPerMinute: 1 } } }),
            onTarget("kubernetes"),
        );
        const hpa = graph.inputs("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web");
        assert.deepStrictEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.scaleTargetRef.name], [2, 5, "web"]);
        assert.deepStrictEqual(hpa.spec.behavior.scaleDown, { policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] });
        assert.ok(!("replicas" in graph.inputs("kubernetes:apps/v1:Deployment", "web").spec), "an autoscaled Deployment must not set replicas");
    });

    it("refuses a type berth does not serve", async () => {
        await assert.rejects(berthProvider.construct("x", "berth:index:Nope", {}, {}), /berth has no component berth:index:Nope; it serves berth:index:AppNetwork/);
    });
});
