/*
 * The shape of the Docker provider on both sides of the wire: the npm SDK
 * (@pulumi/docker's .d.ts files) and the schema of the plugin tools/provider-docker
 * builds. Both are reduced to one canonical form per property, "name: type" with a
 * trailing "?" when optional, so the two can be compared as sorted lists of lines.
 *
 * Canonical types: string, number, boolean, any, T[], {[string]: T}, and the
 * lower-cased name of a named type (containerhealthcheck). pulumi.Input/Output
 * wrappers and `| undefined` are not types of their own: they are how the SDK
 * spells optional, which the "?" records.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** A property list: sorted "name: type" lines, "?" marking optional ones. */
export type Surface = string[];

/** The part of a Pulumi package schema this comparison reads. */
export interface SchemaType {
    type?: string;
    $ref?: string;
    items?: SchemaType;
    additionalProperties?: SchemaType;
}
interface SchemaObject {
    properties?: Record<string, SchemaType>;
    required?: string[];
}
export interface Schema {
    config?: { variables?: Record<string, SchemaType> };
    provider?: { inputProperties?: Record<string, SchemaType>; requiredInputs?: string[] };
    resources: Record<string, SchemaObject & {
        inputProperties?: Record<string, SchemaType>;
        requiredInputs?: string[];
        stateInputs?: SchemaObject;
    }>;
    functions?: Record<string, { inputs?: SchemaObject; outputs?: SchemaObject }>;
    types: Record<string, SchemaObject & { type?: string; enum?: unknown[]; language?: { nodejs?: { requiredOutputs?: string[] } } }>;
}

// ---- schema side -------------------------------------------------------------------

/** A type token's name, lower-cased: docker:index/containerHealthcheck:ContainerHealthcheck -> containerhealthcheck. */
export function typeName(token: string): string {
    return token.slice(token.lastIndexOf(":") + 1).toLowerCase();
}

export function schemaTypeText(t: SchemaType): string {
    if (t.$ref !== undefined) {
        if (t.$ref === "pulumi.json#/Any") return "any";
        return typeName(t.$ref.replace(/^#\/types\//, ""));
    }
    switch (t.type) {
        case "string":
        case "boolean":
            return t.type;
        case "integer":
        case "number":
            return "number";
        case "array":
            return `${schemaTypeText(t.items ?? {})}[]`;
        case "object":
            return `{[string]: ${t.additionalProperties ? schemaTypeText(t.additionalProperties) : "any"}}`;
        default:
            return "any";
    }
}

export function schemaSurface(properties: Record<string, SchemaType> | undefined, required: string[] | undefined, allOptional = false): Surface {
    const req = new Set(allOptional ? [] : required ?? []);
    return Object.entries(properties ?? {})
        .map(([name, t]) => `${name}: ${schemaTypeText(t)}${req.has(name) ? "" : "?"}`)
        .sort();
}

/** The named types a list of schema properties refers to, directly or through arrays and maps. */
export function schemaRefs(properties: Record<string, SchemaType> | undefined): string[] {
    const refs: string[] = [];
    const walk = (t: SchemaType | undefined): void => {
        if (t === undefined) return;
        if (t.$ref?.startsWith("#/types/")) refs.push(t.$ref.slice("#/types/".length));
        walk(t.items);
        walk(t.additionalProperties);
    };
    Object.values(properties ?? {}).forEach(walk);
    return refs;
}

// ---- SDK side ----------------------------------------------------------------------

/** The .d.ts files of an installed npm package, parsed once each. */
export class SdkDeclarations {
    private readonly files = new Map<string, ts.SourceFile>();

    constructor(private readonly packageDir: string) {}

    static installed(packageName: string): SdkDeclarations {
        return new SdkDeclarations(path.dirname(require.resolve(`${packageName}/package.json`)));
    }

    has(file: string): boolean {
        return fs.existsSync(path.join(this.packageDir, file));
    }

    private source(file: string): ts.SourceFile {
        let sf = this.files.get(file);
        if (sf === undefined) {
            const text = fs.readFileSync(path.join(this.packageDir, file), "utf8");
            sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
            this.files.set(file, sf);
        }
        return sf;
    }

    /** Properties of `interface name` in file, searched in namespaces too; undefined when absent. */
    interfaceSurface(file: string, name: string): Surface | undefined {
        const decl = find(this.source(file), (n): n is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === name);
        if (decl === undefined) return undefined;
        return decl.members.filter(ts.isPropertySignature).map((m) => line(m.name, m.type, m.questionToken !== undefined)).sort();
    }

    /** The readonly instance properties of `class name` (a resource's outputs). */
    classSurface(file: string, name: string): Surface | undefined {
        const decl = find(this.source(file), (n): n is ts.ClassDeclaration => ts.isClassDeclaration(n) && n.name?.text === name);
        if (decl === undefined) return undefined;
        return decl.members
            .filter(ts.isPropertyDeclaration)
            .filter((m) => !m.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword))
            .map((m) => line(m.name, m.type, false))
            .sort();
    }

    /** The names of the methods of `class name` (a provider's methods). */
    classMethods(file: string, name: string): string[] {
        const decl = find(this.source(file), (n): n is ts.ClassDeclaration => ts.isClassDeclaration(n) && n.name?.text === name);
        if (decl === undefined) return [];
        return decl.members
            .filter(ts.isMethodDeclaration)
            .filter((m) => !m.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword))
            .map((m) => m.name.getText())
            .sort();
    }

    /** `export declare const x: T` in file (the config getters). */
    constSurface(file: string): Surface {
        const out: Surface = [];
        const visit = (n: ts.Node): void => {
            if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) out.push(line(n.name, n.type, false));
            ts.forEachChild(n, visit);
        };
        visit(this.source(file));
        return out.sort();
    }
}

function find<T extends ts.Node>(root: ts.Node, test: (n: ts.Node) => n is T): T | undefined {
    let found: T | undefined;
    const visit = (n: ts.Node): void => {
        if (found !== undefined) return;
        if (test(n)) found = n;
        else ts.forEachChild(n, visit);
    };
    visit(root);
    return found;
}

function line(name: ts.PropertyName, type: ts.TypeNode | undefined, questionMark: boolean): string {
    const { text, optional } = sdkType(type);
    return `${name.getText()}: ${text}${questionMark || optional ? "?" : ""}`;
}

/** A TypeScript type node in canonical form, and whether it admits undefined. */
export function sdkType(node: ts.TypeNode | undefined): { text: string; optional: boolean } {
    if (node === undefined) return { text: "any", optional: false };
    if (ts.isParenthesizedTypeNode(node)) return sdkType(node.type);
    if (ts.isUnionTypeNode(node)) {
        const members = node.types.filter((t) => !isUndefined(t));
        const inner = members.map((t) => sdkType(t));
        const text = inner.length === 1 ? inner[0].text : inner.map((i) => i.text).sort().join(" | ");
        return { text, optional: members.length < node.types.length || inner.some((i) => i.optional) };
    }
    if (ts.isArrayTypeNode(node)) return { text: `${sdkType(node.elementType).text}[]`, optional: false };
    if (ts.isTypeLiteralNode(node)) {
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        return { text: `{[string]: ${index ? sdkType(index.type).text : "any"}}`, optional: false };
    }
    if (ts.isTypeReferenceNode(node)) {
        const name = node.typeName.getText();
        if ((name === "pulumi.Input" || name === "pulumi.Output") && node.typeArguments?.length === 1) {
            return sdkType(node.typeArguments[0]);
        }
        // inputs.ContainerHealthcheck, outputs.config.RegistryAuth, enums.BuilderVersion
        return { text: name.slice(name.lastIndexOf(".") + 1).toLowerCase(), optional: false };
    }
    switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
            return { text: "string", optional: false };
        case ts.SyntaxKind.NumberKeyword:
            return { text: "number", optional: false };
        case ts.SyntaxKind.BooleanKeyword:
            return { text: "boolean", optional: false };
        default:
            return { text: "any", optional: false };
    }
}

function isUndefined(t: ts.TypeNode): boolean {
    return t.kind === ts.SyntaxKind.UndefinedKeyword;
}

// ---- comparing -----------------------------------------------------------------------

/** The lines only one side has, each prefixed with the side: "sdk only" or "plugin only". */
export function differences(sdk: Surface, plugin: Surface): string[] {
    const inPlugin = new Set(plugin);
    const inSdk = new Set(sdk);
    return [
        ...sdk.filter((l) => !inPlugin.has(l)).map((l) => `sdk only:    ${l}`),
        ...plugin.filter((l) => !inSdk.has(l)).map((l) => `plugin only: ${l}`),
    ];
}
