import * as assert from "assert";
import * as fs from "fs";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { BerthProvider, servedComponents } from "../../provider/berth-provider";
import { formatSchema, goldenSchemaPath, PackageSchema, readGoldenSchema } from "../../provider/package-schema";
import { analyzerHookNames, inferSchema } from "../../provider/schema-inference";

/** The README's component table: every component and its outputs. */
const documentedOutputs: Record<string, string[]> = {
    AppNetwork: ["networkName", "target"],
    AppConfig: ["hash", "configMapName", "secretName"],
    ContainerApp: ["host", "address", "url", "resourceNames"],
    AutoscalingPolicy: ["minReplicas", "maxReplicas", "resourceNames"],
    ContainerJob: ["resourceNames"],
};

/** Every property of every component and object type, with where it is. */
function allProperties(schema: PackageSchema) {
    const found: Array<{ where: string; name: string; description?: string; optional?: boolean }> = [];
    for (const [token, resource] of Object.entries(schema.resources)) {
        for (const [name, p] of Object.entries(resource.inputProperties)) {
            found.push({ where: `${token} input`, name, description: p.description, optional: !resource.requiredInputs.includes(name) });
        }
        for (const [name, p] of Object.entries(resource.properties)) {
            found.push({ where: `${token} output`, name, description: p.description });
        }
    }
    for (const [token, type] of Object.entries(schema.types)) {
        for (const [name, p] of Object.entries(type.properties)) {
            found.push({ where: token, name, description: p.description });
        }
    }
    return found;
}

describe("the component provider's schema", function () {
    let inferred: PackageSchema;

    before(function () {
        this.timeout(180_000); // the analyzer builds a TypeScript program over components/ (about ten seconds)
        inferred = inferSchema(servedComponents.map((c) => c.name));
    });

    it("is the reviewed golden copy, provider/schema.golden.json (UPDATE_GOLDEN=1 rewrites it)", () => {
        const actual = formatSchema(inferred);
        if (process.env.UPDATE_GOLDEN === "1") {
            fs.writeFileSync(goldenSchemaPath, actual);
            return;
        }
        assert.ok(fs.existsSync(goldenSchemaPath), `${goldenSchemaPath} is missing; run UPDATE_GOLDEN=1 npm test and review it`);
        const expected = readGoldenSchema();
        if (expected !== actual) {
            const expectedLines = expected.split("\n");
            const actualLines = actual.split("\n");
            const line = actualLines.findIndex((text, index) => text !== expectedLines[index]);
            assert.fail(
                `the inferred schema differs from ${goldenSchemaPath} at line ${line + 1}:\n` +
                    `  golden:   ${expectedLines[line]}\n  inferred: ${actualLines[line]}\n` +
                    `an intended API change: run UPDATE_GOLDEN=1 npm test and commit the reviewed diff`,
            );
        }
    });

    it("is what the provider serves", async () => {
        assert.strictEqual(await new BerthProvider().getSchema(), readGoldenSchema());
    });

    it("is package berth, at berth's npm version", () => {
        const manifest = JSON.parse(fs.readFileSync(`${__dirname}/../../../package.json`, "utf8"));
        assert.strictEqual(inferred.name, "berth");
        assert.strictEqual(inferred.version, manifest.version);
    });

    it("has the five components, as berth:index:<ClassName>", () => {
        assert.deepStrictEqual(servedComponents.map((c) => c.name).sort(), Object.keys(documentedOutputs).sort());
        assert.deepStrictEqual(Object.keys(inferred.resources).sort(), Object.keys(documentedOutputs).map((n) => `berth:index:${n}`).sort());
        for (const resource of Object.values(inferred.resources)) {
            assert.strictEqual(resource.isComponent, true);
        }
    });

    it("has exactly the documented outputs: no @internal model, private field or method", () => {
        for (const [name, outputs] of Object.entries(documentedOutputs)) {
            assert.deepStrictEqual(Object.keys(inferred.resources[`berth:index:${name}`].properties).sort(), [...outputs].sort(), name);
        }
    });

    it("describes every component, every arg and every output", () => {
        for (const resource of Object.values(inferred.resources)) {
            assert.ok(resource.description && resource.description.length > 20);
        }
        const undocumented = allProperties(inferred).filter((p) => !p.description || p.description.trim() === "");
        assert.deepStrictEqual(undocumented, []);
    });

    it("says what each optional arg defaults to", () => {
        const withoutDefault = allProperties(inferred).filter((p) => p.where.endsWith("input") && p.optional && !/\n\nDefault: \S/.test(p.description ?? ""));
        assert.deepStrictEqual(withoutDefault, []);
        assert.strictEqual(
            inferred.resources["berth:index:AppNetwork"].inputProperties.namespace.description,
            "Kubernetes namespace name.\n\nDefault: the component's name",
        );
    });

    it("requires what the TypeScript args require", () => {
        assert.deepStrictEqual(inferred.resources["berth:index:AppNetwork"].requiredInputs, []);
        assert.deepStrictEqual(inferred.resources["berth:index:AppConfig"].requiredInputs, ["network"]);
        assert.deepStrictEqual(inferred.resources["berth:index:ContainerApp"].requiredInputs, ["network"]);
        assert.deepStrictEqual(inferred.types["berth:index:ImageBuild"].required, ["context"]);
        assert.deepStrictEqual(inferred.resources["berth:index:AutoscalingPolicy"].requiredInputs, ["app", "maxReplicas", "minReplicas"]);
        assert.deepStrictEqual(inferred.resources["berth:index:ContainerJob"].requiredInputs, ["network"]);
        assert.deepStrictEqual(inferred.types["berth:index:HelperContainer"].required, ["name"]);
        // image or build: exactly one of the two, checked at run time; both build from the one ImageBuild type.
        for (const properties of [inferred.resources["berth:index:ContainerJob"].inputProperties, inferred.types["berth:index:HelperContainer"].properties]) {
            assert.strictEqual((properties.build as { $ref?: string }).$ref, "#/types/berth:index:ImageBuild");
        }
    });

    it("passes components to one another by reference: network, configs[].config and app", () => {
        const ref = (token: string) => ({ $ref: `#/resources/berth:index:${token}` });
        const refOf = (property: unknown) => (property as { $ref?: string }).$ref;
        const { AppConfig, ContainerApp, AutoscalingPolicy } = {
            AppConfig: inferred.resources["berth:index:AppConfig"].inputProperties,
            ContainerApp: inferred.resources["berth:index:ContainerApp"].inputProperties,
            AutoscalingPolicy: inferred.resources["berth:index:AutoscalingPolicy"].inputProperties,
        };
        assert.strictEqual(refOf(AppConfig.network), ref("AppNetwork").$ref);
        assert.strictEqual(refOf(ContainerApp.network), ref("AppNetwork").$ref);
        assert.strictEqual(refOf(inferred.types["berth:index:ConfigMount"].properties.config), ref("AppConfig").$ref);
        assert.strictEqual(refOf(AutoscalingPolicy.app), ref("ContainerApp").$ref);
        assert.deepStrictEqual(inferred.dependencies, [], "a reference to berth's own components is no package dependency");
    });

    it("takes Outputs where the TypeScript args take pulumi.Input, and plain values elsewhere", () => {
        const app = inferred.resources["berth:index:ContainerApp"].inputProperties;
        assert.strictEqual(app.image.plain, undefined);
        assert.strictEqual(inferred.types["berth:index:ImageBuild"].properties.args.additionalProperties?.plain, undefined);
        assert.strictEqual(inferred.types["berth:index:ImageBuild"].properties.context.plain, true);
        assert.strictEqual(app.env.additionalProperties?.plain, undefined);
        assert.strictEqual(app.replicas.plain, true);
        assert.strictEqual(app.labels.additionalProperties?.plain, true);
        const config = inferred.resources["berth:index:AppConfig"].inputProperties;
        for (const field of ["files", "values", "secrets"]) {
            assert.strictEqual(config[field].additionalProperties?.plain, undefined, field);
        }
    });

    it("names object types without the TypeScript Args suffix (SDKs add their own)", () => {
        assert.deepStrictEqual(Object.keys(inferred.types).sort(), [
            "berth:index:AppAutoscaling",
            "berth:index:ConfigMount",
            "berth:index:Dependency",
            "berth:index:Egress",
            "berth:index:HealthCheck",
            "berth:index:HelperContainer",
            "berth:index:HttpCheck",
            "berth:index:ImageBuild",
            "berth:index:Ingress",
            "berth:index:Port",
            "berth:index:ResourceAmounts",
            "berth:index:Resources",
            "berth:index:ScalingBehaviour",
            "berth:index:Security",
            "berth:index:TcpCheck",
            "berth:index:Volume",
            "berth:index:VolumeMount",
        ]);
    });

    it("hooks only analyzer methods that @pulumi/pulumi still has", () => {
        for (const name of analyzerHookNames) {
            assert.strictEqual(typeof (Analyzer.prototype as unknown as Record<string, unknown>)[name], "function", name);
        }
    });
});
