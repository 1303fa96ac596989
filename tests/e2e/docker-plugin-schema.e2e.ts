/*
 * Holds the Docker provider plugin that tools/provider-docker builds to the npm SDK
 * berth programs are written against (@pulumi/docker in package.json): every resource,
 * function and named type of the SDK exists in the plugin's schema with the same
 * properties, the same types and the same optionality, and the plugin has nothing the
 * SDK cannot use. It fails when one side is bumped without the other.
 *
 * Reads the schema the build wrote beside the plugin ($BERTH_PROVIDER_DOCKER_BIN/schema.json).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { useBuiltTools } from "./tools";
import {
    differences,
    schemaRefs,
    schemaSurface,
    SdkDeclarations,
    Schema,
    Surface,
    typeName,
} from "./docker-plugin-surface";

/**
 * The one SDK resource the plugin does not have: upstream's native docker.Image,
 * which is not a Terraform resource and so not bridged. berth builds images with
 * RemoteImage's `build` block and pushes with RegistryImage instead.
 */
const NOT_BRIDGED = new Set(["Image"]);

describe("the Docker provider plugin against the @pulumi/docker SDK", function () {
    let schema: Schema;
    let sdk: SdkDeclarations;
    let sdkResources: Map<string, string>; // class name -> module file (container)
    let sdkFunctions: Map<string, string>; // function name -> module file

    before(function () {
        useBuiltTools();
        const bin = process.env.BERTH_PROVIDER_DOCKER_BIN;
        assert.ok(bin, "BERTH_PROVIDER_DOCKER_BIN is not set: tools/bootstrap did not build the Docker provider (tools/provider-docker/build)");
        const schemaFile = path.join(bin, "schema.json");
        assert.ok(fs.existsSync(schemaFile), `${schemaFile} does not exist: rerun tools/provider-docker/build`);
        schema = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as Schema;
        sdk = SdkDeclarations.installed("@pulumi/docker");
        const index = fs.readFileSync(require.resolve("@pulumi/docker/index.d.ts"), "utf8");
        sdkResources = new Map();
        sdkFunctions = new Map();
        for (const m of index.matchAll(/export declare const (\w+): typeof import\("\.\/(\w+)"\)\.\1;/g)) {
            const [, name, file] = m;
            if (/^[A-Z]/.test(name)) sdkResources.set(name, file);
            else if (!name.endsWith("Output")) sdkFunctions.set(name, file);
        }
    });

    it("is the plugin version the SDK asks the engine for", function () {
        const sdkVersion = (require("@pulumi/docker/package.json") as { pulumi: { version: string } }).pulumi.version;
        assert.strictEqual((schema as unknown as { version: string }).version, sdkVersion);
    });

    it("has exactly the SDK's resources, functions and provider methods (but the native Image)", function () {
        const pluginResources = Object.keys(schema.resources).map(typeName).sort();
        const wantResources = [...sdkResources.keys()].filter((r) => !NOT_BRIDGED.has(r)).map((r) => r.toLowerCase()).sort();
        assert.deepStrictEqual(pluginResources, wantResources);
        assert.deepStrictEqual(pluginFunctions().map(typeName).sort(), [...sdkFunctions.keys()].map((f) => f.toLowerCase()).sort());
        const pluginMethods = Object.keys(schema.functions ?? {}).filter(isProviderMethod).map((t) => t.slice(t.lastIndexOf("/") + 1)).sort();
        assert.deepStrictEqual(pluginMethods, sdk.classMethods("provider.d.ts", "Provider"));
    });

    it("has the SDK's provider config and provider arguments", function () {
        const problems = [
            ...labelled("config", differences(sdk.constSurface("config/vars.d.ts"), schemaSurface(schema.config?.variables, [], true))),
            ...labelled(
                "ProviderArgs",
                differences(
                    sdk.interfaceSurface("provider.d.ts", "ProviderArgs") ?? [],
                    schemaSurface(schema.provider?.inputProperties, schema.provider?.requiredInputs),
                ),
            ),
        ];
        assert.deepStrictEqual(problems, []);
    });

    it("gives every resource the SDK's inputs, outputs and state, with nested types", function () {
        const problems: string[] = [];
        const referenced = new Set<string>();
        for (const [token, res] of Object.entries(schema.resources)) {
            const name = sdkName(token);
            const file = `${sdkResources.get(name)}.d.ts`;
            problems.push(
                ...compare(`${name}Args`, sdk.interfaceSurface(file, `${name}Args`), schemaSurface(res.inputProperties, res.requiredInputs)),
                ...compare(`${name} (outputs)`, sdk.classSurface(file, name), schemaSurface(res.properties, res.required)),
                ...compare(`${name}State`, sdk.interfaceSurface(file, `${name}State`), schemaSurface(res.stateInputs?.properties, [], true)),
            );
            schemaRefs({ ...res.inputProperties, ...res.properties }).forEach((r) => referenced.add(r));
        }
        problems.push(...compareTypes(referenced));
        assert.deepStrictEqual(problems, [], `the plugin and the SDK differ:\n${problems.join("\n")}`);
    });

    it("gives every function the SDK's arguments and result, with nested types", function () {
        const problems: string[] = [];
        const referenced = new Set<string>();
        for (const token of pluginFunctions()) {
            const fn = schema.functions![token];
            const name = typeName(token);
            const sdkFn = [...sdkFunctions.keys()].find((f) => f.toLowerCase() === name) ?? name;
            const file = `${sdkFunctions.get(sdkFn)}.d.ts`;
            const title = sdkFn[0].toUpperCase() + sdkFn.slice(1);
            problems.push(
                ...compare(`${title}Args`, sdk.interfaceSurface(file, `${title}Args`), schemaSurface(fn.inputs?.properties, fn.inputs?.required)),
                ...compare(`${title}Result`, sdk.interfaceSurface(file, `${title}Result`), schemaSurface(fn.outputs?.properties, fn.outputs?.required)),
            );
            schemaRefs({ ...fn.inputs?.properties, ...fn.outputs?.properties }).forEach((r) => referenced.add(r));
        }
        problems.push(...compareTypes(referenced));
        assert.deepStrictEqual(problems, [], `the plugin and the SDK differ:\n${problems.join("\n")}`);
    });

    /** The plugin's functions but the provider's methods (pulumi:providers:docker/terraformConfig). */
    function pluginFunctions(): string[] {
        return Object.keys(schema.functions ?? {}).filter((t) => !isProviderMethod(t));
    }

    /** The SDK's class name for a resource token: docker:index/remoteImage:RemoteImage -> RemoteImage. */
    function sdkName(token: string): string {
        const name = [...sdkResources.keys()].find((r) => r.toLowerCase() === typeName(token));
        return name ?? token;
    }

    /** Compares the named types (and the types they name, transitively) in the SDK's input and output files. */
    function compareTypes(tokens: Set<string>): string[] {
        const problems: string[] = [];
        const seen = new Set<string>();
        const queue = [...tokens];
        while (queue.length > 0) {
            const token = queue.shift()!;
            if (seen.has(token)) continue;
            seen.add(token);
            const spec = schema.types[token];
            if (spec === undefined) {
                problems.push(`${token}: referenced but not defined in the plugin's schema`);
                continue;
            }
            if (spec.enum !== undefined) continue;
            const tsName = token.slice(token.lastIndexOf(":") + 1).replace(/^./, (c) => c.toUpperCase());
            // An output type's computed properties are always there once read back, so the SDK's
            // output interfaces declare them required (the schema's nodejs requiredOutputs).
            const required = { input: spec.required ?? [], output: [...(spec.required ?? []), ...(spec.language?.nodejs?.requiredOutputs ?? [])] };
            const inSdk = (["input", "output"] as const)
                .map((side) => ({ side, file: `types/${side}.d.ts`, surface: sdk.interfaceSurface(`types/${side}.d.ts`, tsName) }))
                .filter((s) => s.surface !== undefined);
            if (inSdk.length === 0) problems.push(`${tsName}: in the plugin's schema, in neither types/input.d.ts nor types/output.d.ts of the SDK`);
            for (const s of inSdk) problems.push(...compare(`${tsName} (${s.file})`, s.surface, schemaSurface(spec.properties, required[s.side])));
            schemaRefs(spec.properties).forEach((r) => queue.push(r));
        }
        return problems;
    }
});

function isProviderMethod(token: string): boolean {
    return token.startsWith("pulumi:providers:");
}

function compare(what: string, sdkSurface: Surface | undefined, plugin: Surface): string[] {
    if (sdkSurface === undefined) return [`${what}: not declared by the SDK`];
    return labelled(what, differences(sdkSurface, plugin));
}

function labelled(what: string, lines: string[]): string[] {
    return lines.map((l) => `${what}: ${l}`);
}
