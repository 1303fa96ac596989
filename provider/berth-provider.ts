import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { ComponentResourceConstructor, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as berth from "../components";
import { toComponentArgs } from "./component-args";
import { packageInfo, packageName } from "./package-info";
import { PackageSchema, readGoldenSchema } from "./package-schema";
import { declaredOneByOne } from "../components/validation/workload-roster";

/** Every component class berth exports from its main entry is served; the schema test lists them. */
export const servedComponents: ComponentResourceConstructor[] = getPulumiComponents(berth);

/**
 * Components this provider process constructed, by URN. Over the provider each
 * component is a separate Construct call; when a later call passes one of them
 * (`network: ${net}` in YAML), the reference arrives as a URN and is resolved
 * here to the live instance, whose model the receiving component reads.
 */
export class ComponentRegistry {
    private readonly byUrn = new Map<string, pulumi.ComponentResource>();

    add(urn: string, component: pulumi.ComponentResource): void {
        this.byUrn.set(urn, component);
    }

    resolve(urn: string, resourceType: string, path: string): pulumi.ComponentResource {
        const component = this.byUrn.get(urn);
        if (!component) {
            throw new Error(
                `${path}: ${resourceType} ${urn} was not built by this berth provider process; ` +
                    `components passed to one another must come from the same berth provider (the default one)`,
            );
        }
        return component;
    }

    /** Lets Pulumi's deserialiser turn berth resource references into the live instances. */
    registerResourceModule(): void {
        pulumi.runtime.registerResourceModule(packageName, "index", {
            construct: (_name: string, type: string, urn: string) => this.resolve(urn, type, "reference"),
        });
    }
}

/**
 * berth's component provider: the reviewed golden schema, and Construct for
 * each served component. It does what @pulumi/pulumi's ComponentProvider does
 * (componentProviderHost's provider), plus what berth's components need over
 * the wire: component references resolved to live instances, and inputs
 * shaped like the TypeScript args (see component-args.ts).
 */
export class BerthProvider implements provider.Provider {
    public readonly version: string;
    private readonly constructors = new Map<string, ComponentResourceConstructor>();
    private schemaText?: string;
    private parsedSchema?: PackageSchema;

    constructor(
        private readonly registry = new ComponentRegistry(),
        components: ComponentResourceConstructor[] = servedComponents,
    ) {
        this.version = packageInfo().version;
        for (const component of components) {
            this.constructors.set(`${packageName}:index:${component.name}`, component);
        }
    }

    async getSchema(): Promise<string> {
        this.schemaText = this.schemaText ?? readGoldenSchema();
        return this.schemaText;
    }

    async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<provider.ConstructResult> {
        const component = this.constructors.get(type);
        const resource = (await this.loadSchema()).resources[type];
        if (!component || !resource) {
            throw new Error(`berth has no component ${type}; it serves ${[...this.constructors.keys()].join(", ")}`);
        }
        const args = await toComponentArgs(await this.loadSchema(), type, inputs, (urn, resourceType, path) => this.registry.resolve(urn, resourceType, path));
        if (type === `${packageName}:index:AutoscalingPolicy`) {
            refuseLateAutoscaling(name, args);
        }
        const instance = new component(name, args, options);
        this.registry.add(await knownValue(instance.urn), instance);
        const state: pulumi.Inputs = {};
        for (const output of Object.keys(resource.properties)) {
            state[output] = (instance as unknown as pulumi.Inputs)[output];
        }
        return { urn: instance.urn, state };
    }

    private async loadSchema(): Promise<PackageSchema> {
        this.parsedSchema = this.parsedSchema ?? (JSON.parse(await this.getSchema()) as PackageSchema);
        return this.parsedSchema;
    }
}

/** An Output's value, as Pulumi's provider server reads it (a URN is known even during preview). */
function knownValue<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

/**
 * An app renders its Deployment (or containers) before its own Construct call
 * returns, so a policy, which always arrives in a later call, cannot take over
 * the replica count. Say so in terms of the user's language, not TypeScript's.
 */
function refuseLateAutoscaling(name: string, args: Record<string, unknown>): void {
    const app = args.app as { appModel?: { name: string } } | undefined;
    if (app?.appModel) {
        throw new Error(
            `AutoscalingPolicy "${name}": through the berth provider (Pulumi YAML, Python, Go, .NET) each component is built in its own ` +
                `call, so app "${app.appModel.name}" was deployed with its fixed replica count before this policy arrived. ` +
                `Give the app its own autoscaling arg instead, the same fields without app (see docs/multi-language.md, "Autoscaling").`,
        );
    }
}

/** Serves the provider to the Pulumi engine (what componentProviderHost does, with BerthProvider). */
export function serve(args: string[]): Promise<void> {
    // Components arrive one Construct call at a time: later ones are unknown when one is checked.
    declaredOneByOne();
    const registry = new ComponentRegistry();
    registry.registerResourceModule();
    return provider.main(new BerthProvider(registry), args);
}
