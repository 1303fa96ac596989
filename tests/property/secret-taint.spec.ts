import * as assert from "assert";
import fc from "fast-check";
import { resolveOutput, ResourceGraph } from "../../components/testing";
import { Args, system, SystemSpec } from "./arbitraries";
import { BuiltSystem, check, componentCount, propertySuite, runSystem, targetOf } from "./harness";

/*
 * Secrets go in every place berth takes one: app env (a Pulumi secret, or one
 * derived from a secret), config files and values (the same), and config
 * `secrets` (plain strings, Promises, Outputs and secrets alike). Registry
 * credentials are not a berth feature yet (see docs/reliability.md).
 */

type Marker = { $secret?: string; $derived?: string; $promise?: string; $output?: string };

function markerText(value: unknown): string | undefined {
    if (typeof value === "string") return value;
    const m = value as Marker;
    return m.$secret ?? m.$derived ?? m.$promise ?? m.$output;
}

const isSecretValue = (value: unknown) => typeof value === "object" && value !== null && ("$secret" in value || "$derived" in value);

/** Where each secret of a spec is, as plaintext: by config file, config value/secret, and app env. */
interface SecretUse {
    plaintext: string;
    /** Kubernetes: the Secret and key that must hold it. */
    kubernetes: { secret: string; key: string };
}

function secretUses(spec: SystemSpec): SecretUse[] {
    const uses: SecretUse[] = [];
    for (const c of spec.configs) {
        const maps = [(c.args.files ?? {}) as Args, (c.args.values ?? {}) as Args];
        for (const map of maps) {
            for (const [key, value] of Object.entries(map)) {
                if (isSecretValue(value)) uses.push({ plaintext: markerText(value)!, kubernetes: { secret: `${c.name}-secret`, key } });
            }
        }
        for (const [key, value] of Object.entries((c.args.secrets ?? {}) as Args)) {
            uses.push({ plaintext: markerText(value)!, kubernetes: { secret: `${c.name}-secret`, key } });
        }
    }
    // A workload's own secret env and its helpers' (under "<helper>.<name>") are in its Secret "<name>-env".
    for (const w of [...spec.apps, ...spec.jobs]) {
        const containers: Array<[string, Args]> = [["", w.args], ...helpersOf(w.args).map((h): [string, Args] => [`${h.name}.`, h])];
        for (const [prefix, container] of containers) {
            for (const [key, value] of Object.entries((container.env ?? {}) as Args)) {
                if (isSecretValue(value)) uses.push({ plaintext: markerText(value)!, kubernetes: { secret: `${w.name}-env`, key: `${prefix}${key}` } });
            }
        }
    }
    return uses;
}

function helpersOf(args: Args): Args[] {
    return [...((args.initContainers ?? []) as Args[]), ...((args.sidecars ?? []) as Args[])];
}

/**
 * Docker: the env entries and files a container must carry (the merge berth documents: configs in order, then
 * its own env; a config's secrets as files under its mount path instead of env with secretsAsFiles).
 */
function dockerDeliveries(spec: SystemSpec, app: Args): { env: string[]; files: Array<{ file: string; content: string }> } {
    const finalEnv = new Map<string, unknown>();
    const files: Array<{ file: string; content: string }> = [];
    /** A config's secrets: its declared secrets, and values that are Pulumi secrets. */
    const secretsOf = (config: Args) => [
        ...Object.entries((config.values ?? {}) as Args).filter(([, value]) => isSecretValue(value)),
        ...Object.entries((config.secrets ?? {}) as Args),
    ];
    for (const mount of (app.configs ?? []) as Args[]) {
        const config = spec.configs[Number(((mount.config as { $ref: string }).$ref).split(":")[1])].args;
        if (mount.env !== false) {
            for (const [key, value] of Object.entries((config.values ?? {}) as Args)) if (!(mount.secretsAsFiles === true && isSecretValue(value))) finalEnv.set(key, value);
            if (mount.secretsAsFiles !== true) for (const [key, value] of Object.entries((config.secrets ?? {}) as Args)) finalEnv.set(key, value);
        }
        if (mount.mountPath !== undefined) {
            for (const [fileName, value] of Object.entries((config.files ?? {}) as Args)) {
                if (isSecretValue(value)) files.push({ file: `${mount.mountPath}/${fileName}`, content: markerText(value)! });
            }
            if (mount.secretsAsFiles === true) {
                for (const [key, value] of secretsOf(config)) files.push({ file: `${mount.mountPath}/${key}`, content: markerText(value)! });
            }
        }
    }
    for (const [key, value] of Object.entries((app.env ?? {}) as Args)) finalEnv.set(key, value);
    const secretKeys = new Set<string>();
    for (const mount of (app.configs ?? []) as Args[]) {
        const config = spec.configs[Number(((mount.config as { $ref: string }).$ref).split(":")[1])].args;
        if (mount.env === false || mount.secretsAsFiles === true) continue;
        for (const [key, value] of Object.entries((config.values ?? {}) as Args)) if (finalEnv.get(key) === value && isSecretValue(value)) secretKeys.add(key);
        for (const [key, value] of Object.entries((config.secrets ?? {}) as Args)) if (finalEnv.get(key) === value) secretKeys.add(key);
    }
    for (const [key, value] of Object.entries((app.env ?? {}) as Args)) {
        if (isSecretValue(value)) secretKeys.add(key);
        else secretKeys.delete(key);
    }
    return { env: [...secretKeys].map((key) => `${key}=${markerText(finalEnv.get(key))}`), files };
}

function containersOf(spec: SystemSpec, graph: ResourceGraph, index: number) {
    const prefix = `${spec.network.name}-${spec.apps[index].name}-`;
    return graph
        .ofType("docker:index/container:Container")
        .filter((r) => (r.inputs.name as string).startsWith(prefix) && /^\d+$/.test((r.inputs.name as string).slice(prefix.length)));
}

/** Every output of every component, resolved, with whether it is secret. */
async function outputs(built: BuiltSystem): Promise<Array<{ name: string; value: unknown; secret: boolean }>> {
    const all: Array<[string, unknown]> = [
        ["network.networkName", built.network.networkName],
        ["network.target", built.network.target],
        ...built.configs.flatMap((c, i): Array<[string, unknown]> => [[`configs[${i}].hash`, c.hash], [`configs[${i}].configMapName`, c.configMapName], [`configs[${i}].secretName`, c.secretName]]),
        ...built.apps.flatMap((a, i): Array<[string, unknown]> => [[`apps[${i}].host`, a.host], [`apps[${i}].address`, a.address], [`apps[${i}].url`, a.url], [`apps[${i}].resourceNames`, a.resourceNames]]),
        ...built.jobs.map((j, i): [string, unknown] => [`jobs[${i}].resourceNames`, j.resourceNames]),
        ...built.policies.flatMap((p, i): Array<[string, unknown]> => [[`policies[${i}].minReplicas`, p.minReplicas], [`policies[${i}].maxReplicas`, p.maxReplicas], [`policies[${i}].resourceNames`, p.resourceNames]]),
    ];
    return Promise.all(all.map(async ([name, output]) => ({ name, ...(await resolveOutput(output as never)) })));
}

propertySuite("secret taint", (target, count) => {
    it("no child input and no component output holds a secret's plaintext, every value derived from a secret is secret, and secrets reach only where they are used", async () => {
        await check(
            fc.asyncProperty(system({ targets: [target], options: { secrets: "many" }, maxApps: 2 }), async (spec) => {
                count.add(`${target} systems`, componentCount(spec));
                const uses = secretUses(spec);
                const plaintexts = uses.map((u) => u.plaintext);
                const { graph, result } = await runSystem(spec);

                // Outside a secret marker, no child input holds a plaintext: whatever carries or derives from a secret is secret.
                assert.deepStrictEqual(graph.plaintextLeaks(plaintexts), [], "plaintext outside a secret");
                for (const output of await outputs(result)) {
                    const text = JSON.stringify(output.value) ?? "";
                    assert.ok(output.secret || !plaintexts.some((p) => text.includes(p)), `output ${output.name} holds a secret in plaintext`);
                }

                // Even marked secret, a secret lands only where it is used: a Kubernetes Secret, a Docker container's env or files.
                for (const r of graph.resources) {
                    const inputs = graph.inputs(r.type, r.name);
                    const allowed = targetOf(spec) === "kubernetes" ? (r.type === "kubernetes:core/v1:Secret" ? ["stringData"] : []) : r.type === "docker:index/container:Container" ? ["envs", "uploads"] : [];
                    for (const [key, value] of Object.entries(inputs)) {
                        if (allowed.includes(key)) continue;
                        const text = JSON.stringify(value) ?? "";
                        const found = plaintexts.find((p) => text.includes(p));
                        assert.ok(found === undefined, `${r.type}::${r.name} ${key} holds a secret (even if marked)`);
                    }
                }

                // And it does reach them (the checks above are not vacuous).
                if (target === "kubernetes") {
                    for (const use of uses) {
                        const data = graph.inputs("kubernetes:core/v1:Secret", use.kubernetes.secret).stringData;
                        assert.strictEqual(data[use.kubernetes.key], use.plaintext, `Secret ${use.kubernetes.secret} key ${use.kubernetes.key}`);
                    }
                } else {
                    const expectDelivered = (args: Args, containerNames: string[]) => {
                        const expected = dockerDeliveries(spec, args);
                        for (const name of containerNames) {
                            const container = graph.ofType("docker:index/container:Container").find((r) => r.inputs.name === name);
                            assert.ok(container, `no container ${name}`);
                            const inputs = graph.inputs(container.type, container.name);
                            for (const entry of expected.env) assert.ok(((inputs.envs ?? []) as string[]).includes(entry), `${name} env lacks ${entry.split("=")[0]}`);
                            const uploads = (inputs.uploads ?? []) as Array<{ file: string; content: string }>;
                            for (const file of expected.files) {
                                assert.strictEqual(uploads.filter((u) => u.file === file.file && u.content === file.content).length, 1, `${name} lacks ${file.file}`);
                            }
                        }
                    };
                    spec.apps.forEach((app, index) => {
                        const replicas = containersOf(spec, graph, index).map((c) => c.inputs.name as string);
                        expectDelivered(app.args, replicas);
                        for (const helper of helpersOf(app.args)) expectDelivered(helper, replicas.map((r) => `${r}.${helper.name}`));
                    });
                    for (const job of spec.jobs) {
                        const container = `${spec.network.name}-${job.name}-job`;
                        expectDelivered(job.args, [container]);
                        for (const helper of helpersOf(job.args)) expectDelivered(helper, [`${container}.${helper.name}`]);
                    }
                }
            }),
            120,
        );
    });
});
