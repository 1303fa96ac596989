/*
 * Compile-time check that the public arg interfaces (components/*.ts, what
 * users and Pulumi's schema inference see) and the zod schemas (what
 * validates at run time) stay in step. Nothing here runs: `tsc` fails when
 *
 *   - an interface and its schema do not have the same fields,
 *   - a field is required in one and optional in the other, or
 *   - a value the interface allows has a type the schema's input rejects.
 *
 * The interfaces stay inside what schema inference accepts (no unions, so
 * "docker" | "kubernetes" is a string there); zod keeps the finer rules. So
 * the last check compares against the schema's input with literal types
 * widened to string, number and boolean.
 *
 * A failing check names the offending fields in the compiler's message, e.g.
 * Type '{ onlyInInterface: "skipAwait"; onlyInSchema: never; }' does not satisfy the constraint 'true'.
 */
import { z } from "zod";
import type * as pulumi from "@pulumi/pulumi";
import type { AppNetworkArgs } from "../app-network";
import type { AppConfigArgs } from "../app-config";
import type {
    ConfigMountArgs,
    ContainerAppArgs,
    EgressArgs,
    HealthCheckArgs,
    HttpCheckArgs,
    ImageBuildArgs,
    IngressArgs,
    PortArgs,
    ResourceAmountsArgs,
    ResourcesArgs,
    SecurityArgs,
    TcpCheckArgs,
    VolumeArgs,
} from "../container-app";
import type { AutoscalingPolicyArgs } from "../autoscaling-policy";
import type { AppAutoscalingArgs, ScalingBehaviourArgs } from "../autoscaling";
import type { ContainerJobArgs } from "../container-job";
import type { DependencyArgs } from "../dependency";
import type { HelperContainerArgs, VolumeMountArgs } from "../helper-container";
import type { appNetworkSchema } from "./app-network";
import type { appConfigSchema } from "./app-config";
import type { containerAppSchema } from "./container-app";
import type { autoscalingPolicySchema } from "./autoscaling-policy";
import type { containerJobSchema } from "./container-job";

/** Fails to compile unless T is `true`. */
type Expect<T extends true> = T;

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** true, or the fields only one side has. */
type SameFields<Interface, Schema> = [Exclude<keyof Interface, keyof Schema>, Exclude<keyof Schema, keyof Interface>] extends [never, never]
    ? true
    : { onlyInInterface: Exclude<keyof Interface, keyof Schema>; onlyInSchema: Exclude<keyof Schema, keyof Interface> };

/** true, or the fields required on one side only. */
type SameRequired<Interface, Schema> = [Exclude<RequiredKeys<Interface>, RequiredKeys<Schema>>, Exclude<RequiredKeys<Schema>, RequiredKeys<Interface>>] extends [never, never]
    ? true
    : { requiredInInterfaceOnly: Exclude<RequiredKeys<Interface>, RequiredKeys<Schema>>; requiredInSchemaOnly: Exclude<RequiredKeys<Schema>, RequiredKeys<Interface>> };

/** Literal unions widened to their primitive; Outputs, Promises and components kept as they are. */
type Widen<T> = T extends string
    ? string
    : T extends number
      ? number
      : T extends boolean
        ? boolean
        : T extends pulumi.Output<unknown> | Promise<unknown> | { networkModel: unknown } | { configModel: unknown } | { appModel: unknown }
          ? T
          : T extends ReadonlyArray<infer Item>
            ? Widen<Item>[]
            : T extends object
              ? { [K in keyof T]: Widen<T[K]> }
              : T;

/** true, or the fields whose interface type the schema's (widened) input does not accept. */
type Accepts<Interface, Schema> = [Interface] extends [Widen<Schema>]
    ? true
    : { rejected: { [K in keyof Interface & keyof Schema]: [Interface[K]] extends [Widen<Schema[K]>] ? never : K }[keyof Interface & keyof Schema] };

type InStep<Interface, Schema> = [SameFields<Interface, Schema>, SameRequired<Interface, Schema>, Accepts<Interface, Schema>] extends [true, true, true]
    ? true
    : { fields: SameFields<Interface, Schema>; required: SameRequired<Interface, Schema>; types: Accepts<Interface, Schema> };

type NetworkInput = z.input<typeof appNetworkSchema>;
type ConfigInput = z.input<typeof appConfigSchema>;
type AppInput = z.input<typeof containerAppSchema>;
type PolicyInput = z.input<typeof autoscalingPolicySchema>;
type JobInput = z.input<typeof containerJobSchema>;
type HelperInput = Item<AppInput["initContainers"]>;
type Item<T> = NonNullable<T> extends ReadonlyArray<infer I> ? I : never;
type HealthCheckInput = NonNullable<AppInput["healthCheck"]>;
type ResourcesInput = NonNullable<AppInput["resources"]>;

/** Each public arg interface, with the part of a zod schema that validates it. */
export type ArgsInStep = [
    Expect<InStep<AppNetworkArgs, NetworkInput>>,
    Expect<InStep<AppConfigArgs, ConfigInput>>,
    Expect<InStep<ContainerAppArgs, AppInput>>,
    Expect<InStep<PortArgs, Item<AppInput["ports"]>>>,
    Expect<InStep<HealthCheckArgs, HealthCheckInput>>,
    Expect<InStep<HttpCheckArgs, NonNullable<HealthCheckInput["http"]>>>,
    Expect<InStep<TcpCheckArgs, NonNullable<HealthCheckInput["tcp"]>>>,
    Expect<InStep<ResourcesArgs, ResourcesInput>>,
    Expect<InStep<ResourceAmountsArgs, NonNullable<ResourcesInput["requests"]>>>,
    Expect<InStep<ResourceAmountsArgs, NonNullable<ResourcesInput["limits"]>>>,
    Expect<InStep<VolumeArgs, Item<AppInput["volumes"]>>>,
    Expect<InStep<ConfigMountArgs, Item<AppInput["configs"]>>>,
    Expect<InStep<IngressArgs, NonNullable<AppInput["ingress"]>>>,
    Expect<InStep<EgressArgs, Item<AppInput["allowTo"]>>>,
    Expect<InStep<SecurityArgs, NonNullable<AppInput["security"]>>>,
    Expect<InStep<ImageBuildArgs, NonNullable<AppInput["build"]>>>,
    Expect<InStep<DependencyArgs, Item<AppInput["dependsOn"]>>>,
    Expect<InStep<HelperContainerArgs, HelperInput>>,
    Expect<InStep<HelperContainerArgs, Item<AppInput["sidecars"]>>>,
    Expect<InStep<VolumeMountArgs, Item<HelperInput["volumes"]>>>,
    Expect<InStep<ContainerJobArgs, JobInput>>,
    Expect<InStep<HelperContainerArgs, Item<JobInput["initContainers"]>>>,
    Expect<InStep<DependencyArgs, Item<JobInput["dependsOn"]>>>,
    Expect<InStep<AutoscalingPolicyArgs, PolicyInput>>,
    Expect<InStep<ScalingBehaviourArgs, NonNullable<PolicyInput["scaleUp"]>>>,
    Expect<InStep<ScalingBehaviourArgs, NonNullable<PolicyInput["scaleDown"]>>>,
    Expect<InStep<AppAutoscalingArgs, NonNullable<AppInput["autoscaling"]>>>,
];
