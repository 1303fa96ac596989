import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { berthPolicies, noPlaintextSecrets, policyPackName } from "../../policies/pack";
import { runProgram } from "../../components/testing";
import { onTarget, shop } from "../programs";
import { recorded, violations } from "./helpers";

describe("Policies on what berth itself creates", () => {
    for (const target of ["kubernetes", "docker"]) {
        it(`find nothing wrong with the shop on ${target} in prod (berth's defaults pass every rule)`, async () => {
            const { graph } = await runProgram(() => shop(), onTarget(target));
            const found: string[] = [];
            for (const resource of graph.resources) {
                for (const policy of berthPolicies) {
                    for (const message of await violations(policy, recorded(resource, "prod"))) {
                        found.push(`${policy.name} ${resource.type} ${resource.name}: ${message}`);
                    }
                }
            }
            assert.deepStrictEqual(found, []);
        });
    }

    it("report a berth ingress without TLS, and pass it once tlsSecretName is set", async () => {
        const ingress = { host: "shop.example.com", port: "http" };
        const plain = await runProgram(() => shop({ webArgs: { ingress } }), onTarget("kubernetes"));
        const resource = plain.graph.get("kubernetes:networking.k8s.io/v1:Ingress", "web");
        const tlsRule = berthPolicies.find((policy) => policy.name === "berth-ingress-tls-required")!;
        assert.deepStrictEqual(await violations(tlsRule, recorded(resource, "prod")), [
            "serves shop.example.com without TLS: add spec.tls for it (berth: ContainerApp ingress.tlsSecretName)",
        ]);
        const secure = await runProgram(() => shop({ webArgs: { ingress: { ...ingress, tlsSecretName: "shop-tls" } } }), onTarget("kubernetes"));
        assert.deepStrictEqual(await violations(tlsRule, recorded(secure.graph.get("kubernetes:networking.k8s.io/v1:Ingress", "web"), "prod")), []);
    });

    it("report a Docker env holding a secret once the policy SDK has unwrapped the secret marker, unless additionalSecretOutputs lists envs", async () => {
        // @pulumi/policy 1.21 removes secret markers before validateResource runs: the env list then reads as plain.
        const { graph } = await runProgram(() => shop(), onTarget("docker"));
        const web = graph.resources.find((r) => r.type === "docker:index/container:Container")!;
        const unwrapped = { ...recorded(web, "dev"), props: graph.inputs(web.type, web.name) };
        assert.deepStrictEqual(await violations(noPlaintextSecrets, unwrapped), [
            "container: env API_TOKEN looks like a secret but the env list is not a Pulumi secret: make the value a Pulumi secret",
        ]);
        assert.deepStrictEqual(await violations(noPlaintextSecrets, { ...unwrapped, opts: { additionalSecretOutputs: ["envs"] } }), []);
    });
});

describe("The policy pack", () => {
    const packDir = path.resolve(__dirname, "..", "..", "..", "policies");

    it("has uniquely named policies, each described, mandatory and validating resources", () => {
        const names = berthPolicies.map((policy) => policy.name);
        assert.strictEqual(new Set(names).size, names.length);
        for (const policy of berthPolicies) {
            assert.match(policy.name, /^berth-[a-z-]+$/);
            assert.ok(policy.description.length > 20, policy.name);
            assert.strictEqual(policy.enforcementLevel, "mandatory", policy.name);
            assert.strictEqual(typeof policy.validateResource, "function", policy.name);
        }
        const configurable = berthPolicies.filter((policy) => policy.configSchema?.properties.tier !== undefined).map((policy) => policy.name);
        assert.deepStrictEqual(configurable, ["berth-no-mutable-image-tags", "berth-resource-limits-required", "berth-health-checks-required"], "the prod-only policies take a tier");
    });

    it("is a Node.js pack Pulumi can load: PulumiPolicy.yaml, a versioned package.json, a valid pack name", () => {
        assert.match(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
        const manifest = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
        assert.ok(manifest.version, "PolicyPack reads its version from package.json");
        assert.ok(fs.existsSync(path.join(packDir, manifest.main)), "main points at the entry file");
        // The policy SDK's rule for pack names.
        assert.match(policyPackName, /^[a-zA-Z0-9-_.]{1,100}$/);
    });
});
