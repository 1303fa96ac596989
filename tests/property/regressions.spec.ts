import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../../components";
import { runProgram } from "../../components/testing";
import { targets } from "./arbitraries";
import { ComponentType, problemsOf } from "./harness";

/** Bugs the property suites found, each pinned by an ordinary test on both targets. */
describe("Property regressions", () => {
    for (const target of targets) {
        describe(`on ${target}`, () => {
            const run = <T>(program: () => T) => runProgram(program, { config: { "berth:target": target } });

            /** The problems berth reports for `type "name"`, the component `declare` constructs last on network "shop". */
            const refused = async (type: ComponentType, name: string, declare: (net: berth.AppNetwork) => void) => {
                const { result, graph } = await run(() => {
                    const net = new berth.AppNetwork("shop", {});
                    try {
                        declare(net);
                    } catch (error) {
                        return problemsOf(error, type, name);
                    }
                    return [`${type} "${name}" was accepted`];
                });
                return { problems: result, graph };
            };

            it("a CPU quantity beyond exact arithmetic is refused with its path, not a crash while rendering", async () => {
                const { problems, graph } = await refused("ContainerApp", "web", (net) => {
                    new berth.ContainerApp("web", { network: net, image: "web:1", resources: { limits: { cpu: "1000494116013621313" } } });
                });
                assert.match(problems.join("; "), /^resources\.limits\.cpu must be a CPU quantity/);
                assert.deepStrictEqual(graph.resources.filter((r) => r.name.startsWith("web")), []);
            });

            it("a volume name longer than 56 characters is refused: Kubernetes names the pod volume volume-<name>", async () => {
                const { problems } = await refused("ContainerApp", "web", (net) => {
                    new berth.ContainerApp("ok", { network: net, image: "web:1", volumes: [{ name: "v".repeat(56), mountPath: "/data" }] });
                    new berth.ContainerApp("web", { network: net, image: "web:1", volumes: [{ name: "v".repeat(57), mountPath: "/data" }] });
                });
                assert.deepStrictEqual(problems, ["volumes[0].name must be at most 56 characters (got 57)"]);
            });

            it("a volume or config at /tmp under a read-only root, or two configs on one path, are refused: the mounts would clash", async () => {
                const { problems } = await refused("ContainerApp", "web", (net) => {
                    const cfg = new berth.AppConfig("cfg", { network: net, files: { "app.yaml": "a: 1\n" } });
                    new berth.ContainerApp("scratch", { network: net, image: "web:1", volumes: [{ name: "tmp", mountPath: "/tmp" }], security: { readOnlyRootFilesystem: false } });
                    new berth.ContainerApp("web", {
                        network: net,
                        image: "web:1",
                        volumes: [{ name: "tmp", mountPath: "/tmp" }],
                        configs: [
                            { config: cfg, mountPath: "/tmp" },
                            { config: cfg, mountPath: "/etc/web" },
                            { config: cfg, mountPath: "/etc/web" },
                        ],
                    });
                });
                assert.deepStrictEqual(problems, [
                    "volumes[0].mountPath /tmp is the writable scratch directory berth mounts under a read-only root filesystem; mount elsewhere or set security.readOnlyRootFilesystem to false",
                    "configs[0].mountPath /tmp is used by a volume",
                    "configs[2].mountPath /etc/web is used by configs[1]",
                ]);
            });

            it("keys named like Object's members (constructor, hasOwnProperty, valueOf) are ordinary keys, not clashes or secrets", async () => {
                const { graph } = await run(() => {
                    const net = new berth.AppNetwork("shop", {});
                    const cfg = new berth.AppConfig("cfg", { network: net, files: { constructor: "file" }, values: { hasOwnProperty: "value" }, secrets: { valueOf: "secret" } });
                    new berth.ContainerApp("web", { network: net, image: "web:1", env: { constructor: "plain" }, configs: [{ config: cfg, mountPath: "/etc/web" }] });
                });
                if (target === "kubernetes") {
                    assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:ConfigMap", "cfg").data, { constructor: "file", hasOwnProperty: "value" });
                    const env = graph.inputs("kubernetes:apps/v1:Deployment", "web").spec.template.spec.containers[0].env;
                    assert.deepStrictEqual(env.find((e: { name: string }) => e.name === "constructor"), { name: "constructor", value: "plain" });
                } else {
                    const container = graph.inputs("docker:index/container:Container", "web-0");
                    assert.ok(container.envs.includes("constructor=plain") && container.envs.includes("hasOwnProperty=value"));
                }
            });

            it("a config value or file named toString is delivered, not a TypeError in Pulumi's SDK", async () => {
                const { graph } = await run(() => {
                    const net = new berth.AppNetwork("shop", {});
                    const cfg = new berth.AppConfig("cfg", { network: net, values: { toString: "value" } });
                    new berth.ContainerApp("web", { network: net, image: "web:1", configs: [{ config: cfg }] });
                });
                if (target === "kubernetes") {
                    assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:ConfigMap", "cfg").data, { toString: "value" });
                } else {
                    assert.deepStrictEqual(graph.inputs("docker:index/container:Container", "web-0").envs, ["toString=value"]);
                }
            });

            it("an app that publishes a port has a name short enough for its Service <name>-public", async () => {
                const long = "a".repeat(57);
                const { problems, graph } = await refused("ContainerApp", `${long}-x`, (net) => {
                    new berth.ContainerApp("a".repeat(56), { network: net, image: "web:1", ports: [{ port: 80, publish: 8080 }] });
                    new berth.ContainerApp(long, { network: net, image: "web:1", ports: [{ port: 80 }] });
                    new berth.ContainerApp(`${long}-x`, { network: net, image: "web:1", ports: [{ port: 80, publish: 8081 }] });
                });
                assert.deepStrictEqual(problems, ['name must be at most 56 characters for an app that publishes a port (its Service is named "<name>-public"), got 59']);
                assert.deepStrictEqual(graph.resources.filter((r) => r.name.startsWith(`${long}-x`)), []);
            });

            it("a malformed image is reported together with the other fields' problems", async () => {
                const { problems } = await refused("ContainerApp", "web", (net) => {
                    new berth.ContainerApp("web", { network: net, image: "my image", security: { runAsNonRoot: "true" as never } });
                });
                assert.deepStrictEqual(problems.map((p) => p.split(" ")[0]).sort(), ["image", "security.runAsNonRoot"]);
            });

            it("null args are read as no args, not a TypeError", async () => {
                const { graph } = await run(() => new berth.AppNetwork("shop", null as never));
                assert.ok(graph.resources.some((r) => r.type === "berth:index:AppNetwork" && r.name === "shop"));
            });

            it("an app publishes each port number once per protocol", async () => {
                const { problems } = await refused("ContainerApp", "web", (net) => {
                    new berth.ContainerApp("dns", { network: net, image: "dns:1", ports: [{ port: 53, publish: 5353 }, { port: 54, publish: 5353, protocol: "udp" }] });
                    new berth.ContainerApp("web", { network: net, image: "web:1", ports: [{ port: 1, publish: 9000 }, { port: 2, publish: 9000 }] });
                });
                assert.deepStrictEqual(problems, ["ports[1].publish 9000/tcp is already published by ports[0]"]);
            });

            it("config files are not mounted inside a tmpfs (an ephemeral volume, /tmp) that would hide them on Docker", async () => {
                const { problems } = await refused("ContainerApp", "web", (net) => {
                    const cfg = new berth.AppConfig("cfg", { network: net, files: { "app.yaml": "a: 1\n" } });
                    new berth.ContainerApp("kept", { network: net, image: "web:1", volumes: [{ name: "etc", mountPath: "/etc", persistent: true }], configs: [{ config: cfg, mountPath: "/etc/web" }] });
                    new berth.ContainerApp("web", {
                        network: net,
                        image: "web:1",
                        volumes: [{ name: "etc", mountPath: "/etc" }],
                        configs: [
                            { config: cfg, mountPath: "/etc/web" },
                            { config: cfg, mountPath: "/tmp/web" },
                        ],
                    });
                });
                assert.deepStrictEqual(problems, [
                    "configs[0].mountPath /etc/web is inside volumes[0] at /etc, a tmpfs on Docker that would hide the config's files; mount it elsewhere",
                    "configs[1].mountPath /tmp/web is inside the /tmp scratch directory at /tmp, a tmpfs on Docker that would hide the config's files; mount it elsewhere",
                ]);
            });

            it("decimal CPU quantities are read exactly (0.29 cores is 290m, not refused for 290.00000000000006)", async () => {
                const { graph } = await run(() => {
                    const net = new berth.AppNetwork("shop", {});
                    new berth.ContainerApp("web", { network: net, image: "web:1", resources: { requests: { cpu: "0.29" }, limits: { cpu: "8.110" } } });
                });
                if (target === "kubernetes") {
                    const resources = graph.inputs("kubernetes:apps/v1:Deployment", "web").spec.template.spec.containers[0].resources;
                    assert.deepStrictEqual(resources, { requests: { cpu: "290m" }, limits: { cpu: "8110m" } });
                } else {
                    const container = graph.inputs("docker:index/container:Container", "web-0");
                    assert.deepStrictEqual([container.cpus, container.cpuShares], ["8.11", 297]);
                }
            });

            it("config file names are refused when they are '.', start with '..' (not ConfigMap keys, and a way out of the mount on Docker) or pass 253 characters", async () => {
                const { problems } = await refused("AppConfig", "cfg", (net) => {
                    new berth.AppConfig("ok", { network: net, files: { ".env": "a", "a..b": "b", ["f".repeat(253)]: "c" } });
                    new berth.AppConfig("cfg", { network: net, files: { ".": "a", "..": "b", ".._x": "c", ["f".repeat(254)]: "d" } });
                });
                assert.deepStrictEqual(
                    problems.map((p) => p.split(" ")[0]),
                    ["files..", "files...", "files..._x", `files.${"f".repeat(254)}`],
                );
            });

            it("two components never derive one object name (<app>-public, <app>-env, Docker's <app>-<volume>-<n>, Kubernetes' volume-<volume>-<app>-<n>)", async () => {
                const { result, graph } = await run(() => {
                    const net = new berth.AppNetwork("shop", {});
                    new berth.ContainerApp("web", {
                        network: net,
                        image: "web:1",
                        ports: [{ port: 80, publish: 8080 }],
                        env: { TOKEN: pulumi.secret("t") },
                        volumes: [{ name: "x-data", mountPath: "/data", persistent: true }],
                    });
                    // Plain contents only: no Secret, so no clash with the app's "web-env".
                    new berth.AppConfig("web-env", { network: net, values: { A: "1" } });
                    const attempts = [
                        () => new berth.ContainerApp("web-public", { network: net, image: "web:1", ports: [{ port: 80 }] }),
                        () => new berth.AppConfig("web-env-2", { network: net, secrets: { A: "1" } }),
                        () => new berth.AppConfig("web-env", { network: net, secrets: { A: "1" } }),
                        () => new berth.ContainerApp("web-x", { network: net, image: "web:1", volumes: [{ name: "data", mountPath: "/data", persistent: true }] }),
                        () => new berth.ContainerApp("data-web", { network: net, image: "web:1", volumes: [{ name: "x", mountPath: "/data", persistent: true }] }),
                    ];
                    return attempts.flatMap((attempt, index) => {
                        try {
                            attempt();
                            return [];
                        } catch (error) {
                            return [`${index}: ${(error as Error).message}`];
                        }
                    });
                });
                // Docker names volumes <network>-<app>-<volume>-<n>; Kubernetes' StatefulSet its claims volume-<volume>-<app>-<n>.
                const volumeClash =
                    target === "docker"
                        ? '3: ContainerApp "web-x": volumes[0].name makes its named volume "web-x-data", the name of app "web"\'s named volume; rename one of them'
                        : '4: ContainerApp "data-web": volumes[0].name makes its volume claims "volume-x-data-web", the name of app "web"\'s volume claims; rename one of them';
                assert.deepStrictEqual(result, [
                    '0: ContainerApp "web-public": name makes its Service "web-public", the name of app "web"\'s public Service; rename one of them',
                    '2: AppConfig "web-env": name makes its Secret "web-env", the name of app "web"\'s Secret for secret env; rename one of them',
                    volumeClash,
                ]);
                const accepted = target === "docker" ? "data-web" : "web-x";
                assert.deepStrictEqual(graph.resources.filter((r) => r.type.startsWith("berth:")).map((r) => r.name).sort(), [accepted, "shop", "web", "web-env", "web-env-2"].sort());
            });

            it("the largest exact CPU quantity renders in plain digits", async () => {
                await run(() => {
                    const net = new berth.AppNetwork("shop", {});
                    new berth.ContainerApp("web", { network: net, image: "web:1", resources: { limits: { cpu: "9007199254740991m" } } });
                });
            });
        });
    }
});
