import { PolicyResourceOptions, ResourceValidationArgs, ResourceValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { RecordedResource } from "../../components/testing";

/** Pulumi's sentinel for a string not known until apply, as a preview sends it. */
export const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface ResourceUnderTest {
    type: string;
    props: Record<string, unknown>;
    name?: string;
    /** Stack the resource is previewed in (it is in the URN). @default "dev" */
    stack?: string;
    /** The policy's config, as `--policy-pack-config` gives it. @default {} */
    config?: Record<string, unknown>;
    opts?: Partial<PolicyResourceOptions>;
}

/**
 * Runs a policy's validateResource the way the analyzer does: props behind
 * the SDK's unknown-checking proxy, the URN naming the stack, the policy's
 * config from getConfig. Returns the violation messages.
 */
export async function violations(policy: ResourceValidationPolicy, resource: ResourceUnderTest): Promise<string[]> {
    const name = resource.name ?? "subject";
    const args: ResourceValidationArgs = {
        type: resource.type,
        props: unknownCheckingProxy(resource.props) as Record<string, unknown>,
        urn: `urn:pulumi:${resource.stack ?? "dev"}::berth-shop::${resource.type}::${name}`,
        name,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], ...resource.opts },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => (resource.config ?? {}) as T,
        notApplicable: (reason?: string) => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
    const messages: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    for (const validate of validations) {
        await validate(args, (message: string) => messages.push(message));
    }
    return messages;
}

/** A resource berth registered under the test mocks, as the policy would see it in that stack. */
export function recorded(resource: RecordedResource, stack: string): ResourceUnderTest {
    return { type: resource.type, name: resource.name, props: resource.inputs, stack };
}

/** A Deployment as people write it by hand, with everything the policies forbid. */
export function handWrittenDeployment(): Record<string, unknown> {
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "legacy", namespace: "shop" },
        spec: {
            replicas: 1,
            selector: { matchLabels: { app: "legacy" } },
            template: {
                metadata: { labels: { app: "legacy" } },
                spec: {
                    initContainers: [{ name: "migrate", image: "registry.example.com/shop/migrate:latest" }],
                    containers: [
                        {
                            name: "legacy",
                            image: "nginx",
                            env: [
                                { name: "DB_PASSWORD", value: "hunter2-plaintext" },
                                { name: "DATABASE_URL", value: "postgres://shop:s3cr3t-plaintext@db:5432/shop" },
                                { name: "LOG_LEVEL", value: "debug" },
                                { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "legacy", key: "API_TOKEN" } } },
                            ],
                            ports: [{ containerPort: 80 }],
                            securityContext: { privileged: true, capabilities: { add: ["NET_ADMIN", "SYS_TIME"] } },
                        },
                    ],
                },
            },
        },
    };
}

/** A Docker container as people write it by hand, with everything the policies forbid. */
export function handWrittenContainer(): Record<string, unknown> {
    return {
        name: "cache",
        image: "redis",
        envs: ["REDIS_PASSWORD=hunter2-plaintext", "MAXMEMORY=64mb"],
        privileged: true,
        capabilities: { adds: ["SYS_ADMIN"] },
        restart: "unless-stopped",
    };
}
