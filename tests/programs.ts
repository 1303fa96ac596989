import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { runProgram, RunOptions } from "../components/testing";

export const apiToken = "tok-3f9a1c7e-plaintext";
export const dbPassword = "pw-77b2e0d4-plaintext";

export function onTarget(target: string, extra: Record<string, string> = {}): RunOptions {
    return { config: { "berth:target": target, ...extra } };
}

export interface ShopOptions {
    logLevel?: string;
    appYaml?: string;
    token?: string;
    replicas?: number;
    autoscale?: boolean;
    webArgs?: Partial<berth.ContainerAppArgs>;
}

/** The sketch's shop: a network, a config with a secret, a web app, optionally autoscaled. */
export function shop(options: ShopOptions = {}) {
    const net = new berth.AppNetwork("shop", {});
    const cfg = new berth.AppConfig("web-config", {
        network: net,
        files: { "app.yaml": options.appYaml ?? "greeting: hello\n" },
        values: { LOG_LEVEL: options.logLevel ?? "info" },
        secrets: { API_TOKEN: pulumi.secret(options.token ?? apiToken) },
    });
    const web = new berth.ContainerApp("web", {
        network: net,
        image: "registry.example.com/shop/web:1.4.2@sha256:4dbb1efc9c4f883128bd77839566dafbc05d0e2fb4af6ce1172b68170b1d57d9",
        ports: [{ name: "http", port: 8080, publish: 8080 }],
        env: { MODE: "prod" },
        configs: [{ config: cfg, mountPath: "/etc/web" }],
        healthCheck: { http: { path: "/healthz", port: 8080 } },
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
        replicas: options.replicas ?? 1,
        ...options.webArgs,
    });
    const scaling = options.autoscale
        ? new berth.AutoscalingPolicy("web-scaling", { app: web, minReplicas: 1, maxReplicas: 10, cpuUtilization: 70 })
        : undefined;
    return { net, cfg, web, scaling };
}

export function runShop(target: string, options: ShopOptions = {}) {
    return runProgram(() => shop(options), onTarget(target));
}

/** The error a program throws, for asserting on its message. */
export async function errorOf(program: () => unknown, options: RunOptions = {}): Promise<Error> {
    try {
        await runProgram(program, options);
    } catch (error) {
        return error as Error;
    }
    throw new Error("expected the program to fail, but it succeeded");
}

/**
 * The resource options berth gives each child (dependsOn, deleteBeforeReplace,
 * customTimeouts, additionalSecretOutputs), which Pulumi's mocks do not record:
 * read through a transformation given to a component, which its children inherit.
 */
export class OptionsRecorder {
    private readonly seen = new Map<string, pulumi.ResourceOptions>();

    readonly transformation: pulumi.ResourceTransformation = (args) => {
        this.seen.set(`${args.type}::${args.name}`, args.opts);
        return undefined;
    };

    /** Options for a component, so its children report theirs here. */
    get opts(): pulumi.ComponentResourceOptions {
        return { transformations: [this.transformation] };
    }

    of(type: string, name: string): pulumi.CustomResourceOptions {
        const found = this.seen.get(`${type}::${name}`);
        if (!found) {
            throw new Error(`no options recorded for ${type}::${name} (have: ${[...this.seen.keys()].join(", ")})`);
        }
        return found as pulumi.CustomResourceOptions;
    }

    /** The names of the resources a child depends on, sorted. */
    dependsOn(type: string, name: string): string[] {
        const dependsOn = (this.of(type, name).dependsOn ?? []) as pulumi.Resource[];
        return dependsOn.map((r) => (r as unknown as { __name: string }).__name).sort();
    }
}
