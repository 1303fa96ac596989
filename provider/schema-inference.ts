import * as path from "path";
import * as ts from "typescript";
import { Analyzer, AnalyzeResult, Dependency, PropertyDefinition } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { packageInfo, packageName, providerDir } from "./package-info";
import { argDefaults } from "../components/args/defaults";
import { PackageSchema } from "./package-schema";

/*
 * Schema inference: Pulumi's own analyzer (@pulumi/pulumi 3.270.0,
 * provider/experimental/analyzer) reads the component classes and their arg
 * interfaces from the TypeScript sources, with four berth rules added through
 * two of its internal hooks (pinned by the exact @pulumi/pulumi version; a test
 * fails if the hooks move):
 *
 *   1. An arg typed as another berth component (`network: AppNetwork`) becomes
 *      a reference to that resource in this package (`#/resources/berth:index:AppNetwork`).
 *      The stock analyzer only resolves classes from @pulumi/* npm packages.
 *   2. Private, protected and `@internal` members are not outputs (the stock
 *      analyzer turns every class property into one).
 *   3. A member's `@default` JSDoc tag is kept in its description ("Default: ..."):
 *      other languages' SDK docs have no other place to say what leaving it out does.
 *      A `{@link argDefaults.<kind>.<field>}` in it becomes the value it names
 *      (components/args/defaults.ts, where each default is written once).
 *   4. Object types drop the TypeScript interfaces' `Args` suffix (`PortArgs` is
 *      `berth:index:Port`): SDK generators add their own suffix, so other
 *      languages see `PortArgs`, not `PortArgsArgs`.
 *   5. The analyzer's `optional` flag on each property, which is no schema field
 *      (`required` and `requiredInputs` say it), is left out.
 *
 * Runs in tests and tools only: the provider serves the reviewed golden copy
 * (provider/schema.golden.json), which a unit test keeps equal to this output.
 */

/** What the analyzer passes its hooks (see analyzer.js, InputOutput: 0 neither, 1 input, 2 output). */
interface AnalyzeContext {
    component: string;
    property?: string;
    inputOutput: number;
    typeName?: string;
}

const outputContext = 2;

/** The analyzer's internal methods berth hooks into. */
interface AnalyzerHooks {
    analyzeSymbols(context: AnalyzeContext, symbols: ts.Symbol[]): Record<string, PropertyDefinition>;
    getResourceType(context: AnalyzeContext, type: ts.Type): { dependency: Dependency; pulumiType: string };
}

/** Names of the analyzer methods the hooks replace; a test checks they still exist. */
export const analyzerHookNames: ReadonlyArray<keyof AnalyzerHooks> = ["analyzeSymbols", "getResourceType"];

/**
 * Infers berth's package schema from the component sources, the way
 * `pulumi package get-schema` would for a source-based component package.
 * Takes about ten seconds (it builds a TypeScript program over components/).
 */
export function inferSchema(componentNames: readonly string[]): PackageSchema {
    const info = packageInfo();
    const analyzer = new Analyzer(providerDir, packageName, { main: inferenceEntry() }, new Set(componentNames));
    installHooks(analyzer, new Set(componentNames), info.version);
    const result: AnalyzeResult = analyzer.analyze();

    const dependencies = result.dependencies.filter((d) => d.name !== packageName);
    const typeDefinitions = Object.fromEntries(Object.values(result.typeDefinitions).map((t) => [typeName(t.name), { ...t, name: typeName(t.name) }]));
    if (Object.keys(typeDefinitions).length !== Object.keys(result.typeDefinitions).length) {
        throw new Error(`two arg interfaces differ only in their "Args" suffix: ${Object.keys(result.typeDefinitions).join(", ")}`);
    }
    const schema = generateSchema(packageName, info.version, info.description ?? "", result.components, typeDefinitions, dependencies, undefined);

    const selfRef = `/${packageName}/v${info.version}/schema.json#/resources/`;
    const typeRef = `#/types/${packageName}:index:`;
    return cleaned(schema, (ref) => {
        if (ref.startsWith(selfRef)) {
            return "#/resources/" + ref.slice(selfRef.length);
        }
        return ref.startsWith(typeRef) ? typeRef + typeName(ref.slice(typeRef.length)) : ref;
    }) as PackageSchema;
}

/** An object type's name in the schema: its interface's name without the `Args` suffix. */
function typeName(interfaceName: string): string {
    return interfaceName.replace(/(.)Args$/, "$1");
}

/** components/index.ts, relative to provider/ (the analyzer resolves `main` against its directory). */
function inferenceEntry(): string {
    return path.relative(providerDir, path.join(providerDir, "..", "components", "index.ts"));
}

function installHooks(analyzer: Analyzer, componentNames: Set<string>, version: string): void {
    const hooks = analyzer as unknown as AnalyzerHooks;
    for (const name of analyzerHookNames) {
        if (typeof hooks[name] !== "function") {
            throw new Error(`@pulumi/pulumi's schema analyzer has no ${name} method any more; provider/schema-inference.ts must be updated`);
        }
    }
    const analyzeSymbols = hooks.analyzeSymbols.bind(analyzer);
    const getResourceType = hooks.getResourceType.bind(analyzer);

    hooks.analyzeSymbols = (context, symbols) => {
        const classMembers = context.inputOutput === outputContext && context.typeName === undefined;
        const kept = symbols.filter((symbol) => !isInternal(symbol) && !(classMembers && isNonPublic(symbol)));
        const properties = analyzeSymbols(context, kept);
        for (const symbol of kept) {
            const property = properties[symbol.getName()];
            const defaultText = defaultTag(symbol);
            if (property && defaultText !== undefined) {
                property.description = [property.description, `Default: ${defaultText}`].filter(Boolean).join("\n\n");
            }
        }
        return properties;
    };

    hooks.getResourceType = (context, type) => {
        const symbol = type.getSymbol();
        if (symbol && componentNames.has(symbol.getName()) && declaredInComponents(symbol)) {
            return { dependency: { name: packageName, version }, pulumiType: `${packageName}:index:${symbol.getName()}` };
        }
        return getResourceType(context, type);
    };
}

function isInternal(symbol: ts.Symbol): boolean {
    return (symbol.declarations ?? []).some((d) => ts.getJSDocTags(d).some((tag) => tag.tagName.text === "internal"));
}

function isNonPublic(symbol: ts.Symbol): boolean {
    return (symbol.declarations ?? []).some(
        (d) =>
            (ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 ||
            ((ts.isPropertyDeclaration(d) || ts.isMethodDeclaration(d)) && ts.isPrivateIdentifier(d.name)),
    );
}

function defaultTag(symbol: ts.Symbol): string | undefined {
    const declaration = symbol.valueDeclaration;
    const tag = declaration && ts.getJSDocTags(declaration).find((t) => t.tagName.text === "default");
    const text = tag ? ts.getTextOfJSDocComment(tag.comment)?.trim() : undefined;
    return text === undefined ? undefined : resolveDefaultLinks(text);
}

/** `{@link argDefaults.app.replicas}` in a `@default` tag: the value it names, as JSON (`1`, `"always"`, `[]`). */
export function resolveDefaultLinks(text: string): string {
    return text.replace(/\{@link argDefaults\.([\w.]+)\}/g, (link: string, path: string) => {
        const value = path.split(".").reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined), argDefaults);
        if (value === undefined) {
            throw new Error(`@default ${link}: components/args/defaults.ts has no such default`);
        }
        return JSON.stringify(value);
    });
}

/** A copy of a JSON value with every `$ref` passed through `mapRef` and no boolean `optional` flag. */
function cleaned(value: unknown, mapRef: (ref: string) => string): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => cleaned(item, mapRef));
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        if (key === "optional" && typeof item === "boolean") {
            continue;
        }
        out[key] = key === "$ref" && typeof item === "string" ? mapRef(item) : cleaned(item, mapRef);
    }
    return out;
}

function declaredInComponents(symbol: ts.Symbol): boolean {
    const componentsDir = path.join(providerDir, "..", "components") + path.sep;
    return (symbol.declarations ?? []).some((d) => path.resolve(d.getSourceFile().fileName).startsWith(componentsDir));
}
