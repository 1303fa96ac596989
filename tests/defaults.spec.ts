import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { appConfigSchema } from "../components/args/app-config";
import { appNetworkSchema } from "../components/args/app-network";
import { containerAppSchema } from "../components/args/container-app";
import { argDefaults } from "../components/args/defaults";
import { resolveDefaultLinks } from "../provider/schema-inference";
import { appModel } from "../components/model/app";
import { NetworkModel } from "../components/model/network";
import { validateAppNetwork } from "../components/validation/app-network";

const componentsDir = path.resolve(__dirname, "..", "..", "components");

/** Every `@default` tag of the public arg interfaces: where, and its text. */
function defaultTags(): { where: string; text: string }[] {
    const tags: { where: string; text: string }[] = [];
    for (const file of ["app-network.ts", "app-config.ts", "container-app.ts", "container-job.ts", "dependency.ts", "helper-container.ts", "autoscaling-policy.ts"]) {
        const source = ts.createSourceFile(file, fs.readFileSync(path.join(componentsDir, file), "utf8"), ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
            if (ts.isPropertySignature(node)) {
                for (const tag of ts.getJSDocTags(node).filter((t) => t.tagName.text === "default")) {
                    tags.push({ where: `${file} ${(node.parent as ts.InterfaceDeclaration).name.text}.${node.name.getText()}`, text: ts.getTextOfJSDocComment(tag.comment) ?? "" });
                }
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
    }
    return tags;
}

/** The leaf paths of the defaults table: "app.replicas", "security.runAsUser", ... */
function leafPaths(node: Record<string, unknown>, prefix = ""): string[] {
    return Object.entries(node).flatMap(([key, value]) =>
        typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0 ? leafPaths(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
    );
}

describe("Defaults are written once (components/args/defaults.ts)", () => {
    const network = { networkModel: {} };

    it("no @default tag of the arg interfaces writes a value itself: each links the table", () => {
        // A quoted pattern ("port-<port>") describes a computed default (args/defaults.ts defaultPortName), it is no value.
        const literal = /^(-?\d|"[^"<]*"|\{\}|\[\]|true\b|false\b)/;
        const written = defaultTags().filter((tag) => literal.test(tag.text));
        assert.deepStrictEqual(written, []);
    });

    it("every default of the table is named by a @default tag, and every link names one", () => {
        const linked = new Set(defaultTags().flatMap((tag) => [...tag.text.matchAll(/\{@link argDefaults\.([\w.]+)\}/g)].map((m) => m[1])));
        assert.deepStrictEqual([...linked].filter((link) => !leafPaths(argDefaults).includes(link)), [], "links to no default");
        assert.deepStrictEqual(leafPaths(argDefaults).filter((leaf) => !linked.has(leaf)), [], "defaults no @default tag names");
    });

    it("the provider's schema shows the value a link names", () => {
        assert.strictEqual(resolveDefaultLinks("{@link argDefaults.app.restartPolicy}"), '"always"');
        assert.strictEqual(resolveDefaultLinks("{@link argDefaults.app.allowFrom} (only published and ingress ports are reachable)"), "[] (only published and ingress ports are reachable)");
        assert.strictEqual(resolveDefaultLinks("non-root {@link argDefaults.security.runAsUser}, read-only root"), "non-root 65532, read-only root");
        assert.throws(() => resolveDefaultLinks("{@link argDefaults.app.nothing}"), /has no such default/);
    });

    it("the schemas fill in the table's defaults", () => {
        const { internal, createNamespace, defaultDenyIngress, defaultDenyEgress, labels, podSecurity } = appNetworkSchema.parse({});
        // The schema leaves podSecurity unset (a rule tells an explicit level from none); validation fills the default.
        assert.strictEqual(podSecurity, undefined);
        assert.strictEqual(validateAppNetwork("shop", {}, undefined).model.podSecurity, argDefaults.network.podSecurity);
        assert.deepStrictEqual({ internal, createNamespace, defaultDenyIngress, defaultDenyEgress, labels, podSecurity: argDefaults.network.podSecurity }, argDefaults.network);
        const { files, values, secrets } = appConfigSchema.parse({ network });
        assert.deepStrictEqual({ files, values, secrets }, argDefaults.config);

        const app = containerAppSchema.parse({
            network,
            image: "web:1",
            ports: [{ port: 80 }],
            healthCheck: { tcp: { port: 80 } },
            volumes: [{ name: "data", mountPath: "/data" }],
            configs: [{ config: { configModel: {} } }],
            ingress: { host: "shop.example.com", port: "port-80" },
        });
        const bare = containerAppSchema.parse({ network, image: "web:1" });
        const appDefaults = Object.fromEntries(Object.keys(argDefaults.app).map((key) => [key, bare[key as keyof typeof bare]]));
        assert.deepStrictEqual(appDefaults, argDefaults.app);
        assert.strictEqual(app.ports[0].protocol, argDefaults.port.protocol);
        const { intervalSeconds, timeoutSeconds, failureThreshold, initialDelaySeconds } = app.healthCheck ?? assert.fail("no health check");
        assert.deepStrictEqual({ intervalSeconds, timeoutSeconds, failureThreshold, initialDelaySeconds }, argDefaults.healthCheck);
        const { persistent, size, readOnly } = app.volumes[0];
        assert.deepStrictEqual({ persistent, size, readOnly }, argDefaults.volume);
        assert.strictEqual(app.configs[0].env, argDefaults.configMount.env);
        assert.strictEqual(app.configs[0].secretsAsFiles, argDefaults.configMount.secretsAsFiles);
        assert.strictEqual(app.ingress?.path, argDefaults.ingress.path);
        assert.strictEqual(app.ingress?.controllerNamespace, argDefaults.ingress.controllerNamespace);
        const egressModel = appModel("api", containerAppSchema.parse({ network, image: "api:1", allowTo: [{ cidr: "10.0.0.0/8", port: 5432 }] }), {
            target: "kubernetes",
            network: { defaultDenyEgress: false } as NetworkModel,
            tier: "dev",
            skipAwait: false,
        }).egress;
        assert.strictEqual(egressModel.destinations[0].protocol, argDefaults.egress.protocol);
        assert.deepStrictEqual(app.security, argDefaults.security, "each security field takes its own default");
    });
});
