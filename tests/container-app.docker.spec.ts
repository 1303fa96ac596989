import * as assert from "assert";
import * as docker from "@pulumi/docker";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import { errorOf, onTarget, runShop } from "./programs";

describe("ContainerApp on Docker", () => {
    it("refers to the image by id, resolved through a RemoteImage kept locally", async () => {
        const { graph } = await runShop("docker");
        const image = graph.inputs("docker:index/remoteImage:RemoteImage", "web-image");
        assert.deepStrictEqual(image, { name: "registry.example.com/shop/web:1.4.2@sha256:4dbb1efc9c4f883128bd77839566dafbc05d0e2fb4af6ce1172b68170b1d57d9", keepLocally: true });
        assert.match(graph.inputs("docker:index/container:Container", "web-0").image, /^sha256:[0-9a-f]{64}$/);
    });

    it("runs one container per replica, with distinct names and the app's name as a shared network alias", async () => {
        // The shop here has one app: allowFrom names one of the network's apps, so web lets itself in.
        const { graph } = await runShop("docker", { replicas: 3, webArgs: { ports: [{ name: "http", port: 8080 }], allowFrom: ["web"] } });
        const containers = graph.ofType("docker:index/container:Container").map((c) => graph.inputs(c.type, c.name));
        assert.deepStrictEqual(containers.map((c) => c.name), ["shop-web-0", "shop-web-1", "shop-web-2"]);
        for (const container of containers) {
            assert.deepStrictEqual(container.networksAdvanced, [{ name: "shop" }, { name: "shop-to-web", aliases: ["web"] }]);
        }
    });

    it("lets the apps of allowFrom in through a network of the app's own, and no other app", async () => {
        const { graph, result } = await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            const apps = [
                new berth.ContainerApp("cache", { network: net, image: "cache:1", ports: [{ port: 6379 }], allowFrom: ["api"] }),
                new berth.ContainerApp("api", { network: net, image: "api:1", ports: [{ port: 8080 }] }),
                new berth.ContainerApp("web", { network: net, image: "web:1", ports: [{ port: 8080 }] }),
            ];
            return apps;
        }, onTarget("docker"));
        const networks = graph.ofType("docker:index/network:Network").map((n) => graph.inputs(n.type, n.name));
        assert.deepStrictEqual(networks.map((n) => [n.name, n.internal]).sort(), [["shop", false], ["shop-to-cache", true]]);
        const joins = (container: string) => graph.inputs("docker:index/container:Container", container).networksAdvanced;
        assert.deepStrictEqual(joins("cache-0"), [{ name: "shop" }, { name: "shop-to-cache", aliases: ["cache"] }]);
        assert.deepStrictEqual(joins("api-0"), [{ name: "shop" }, { name: "shop-to-cache" }]);
        assert.deepStrictEqual(joins("web-0"), [{ name: "shop" }]);
        assert.deepStrictEqual((await resolveOutput(result[0].resourceNames)).value, ["shop-cache-0", "shop-to-cache"]);
    });

    it("refuses an app that lets in an app already deployed, whose containers could not join its network", async () => {
        const error = await errorOf(async () => {
            const net = new berth.AppNetwork("shop", {});
            const api = new berth.ContainerApp("api", { network: net, image: "api:1", ports: [{ port: 8080 }] });
            // Its objects are registered (it was deployed) once its resourceNames resolve.
            await new Promise((resolve) => api.resourceNames.apply(resolve));
            new berth.ContainerApp("cache", { network: net, image: "cache:1", ports: [{ port: 6379 }], allowFrom: ["api"] });
        }, onTarget("docker"));
        assert.match(error.message, /ContainerApp "cache": allowFrom\[0\] app "api" was already deployed, so on Docker it cannot join this app's network/);
    });

    it("publishes ports on 127.0.0.1 and reports the URL", async () => {
        const { graph, result } = await runShop("docker");
        assert.deepStrictEqual(graph.inputs("docker:index/container:Container", "web-0").ports, [
            { internal: 8080, external: 8080, ip: "127.0.0.1", protocol: "tcp" },
        ]);
        assert.strictEqual((await resolveOutput(result.web.url)).value, "http://127.0.0.1:8080");
        assert.strictEqual((await resolveOutput(result.web.address)).value, "web:8080");
    });

    it("lets two apps publish one host port number over TCP and over UDP (they are different ports)", async () => {
        const { graph } = await runProgram(() => {
            const net = new berth.AppNetwork("n", {});
            new berth.ContainerApp("web", { network: net, image: "w:1", ports: [{ port: 80, publish: 5353 }] });
            new berth.ContainerApp("dns", { network: net, image: "d:1", ports: [{ port: 53, protocol: "udp", publish: 5353 }] });
        }, onTarget("docker"));
        assert.deepStrictEqual(graph.inputs("docker:index/container:Container", "dns-0").ports, [
            { internal: 53, external: 5353, ip: "127.0.0.1", protocol: "udp" },
        ]);
        assert.deepStrictEqual(graph.inputs("docker:index/container:Container", "web-0").ports[0].external, 5353);
    });

    it("lets apps on two Docker hosts (explicit providers) publish the same host port, and refuses it on one host", async () => {
        const twoHosts = await runProgram(() => {
            const hosts = ["a", "b"].map((h) => new docker.Provider(`host-${h}`, { host: `ssh://${h}.example.com` }));
            hosts.forEach((provider, i) => {
                const net = new berth.AppNetwork(`n${i}`, {}, { providers: [provider] });
                new berth.ContainerApp(`web${i}`, { network: net, image: "w:1", ports: [{ port: 80, publish: 8080 }] }, { providers: [provider] });
            });
        }, onTarget("docker"));
        assert.deepStrictEqual(twoHosts.graph.ofType("docker:index/container:Container").map((c) => c.name).sort(), ["web0-0", "web1-0"]);
        await assert.rejects(
            runProgram(() => {
                const provider = new docker.Provider("host-a", { host: "ssh://a.example.com" });
                const net = new berth.AppNetwork("n", {}, { providers: [provider] });
                new berth.ContainerApp("web", { network: net, image: "w:1", ports: [{ port: 80, publish: 8080 }] }, { providers: [provider] });
                new berth.ContainerApp("admin", { network: net, image: "a:1", ports: [{ port: 80, publish: 8080 }] }, { providers: [provider] });
            }, onTarget("docker")),
            /ContainerApp "admin": ports\[0\]\.publish 8080\/tcp is already published by app "web" on this Docker host/,
        );
    });

    it("turns the health check into a Docker HEALTHCHECK and waits for healthy on up", async () => {
        const { graph } = await runShop("docker");
        const container = graph.inputs("docker:index/container:Container", "web-0");
        assert.deepStrictEqual(container.healthcheck.tests, ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]);
        assert.strictEqual(container.healthcheck.interval, "10s");
        assert.strictEqual(container.wait, true);
        assert.strictEqual(container.waitTimeout, 60);
    });

    it("checks tcp with nc, with or without its -z option, and commands as given", async () => {
        const { graph } = await runProgram(() => {
            const net = new berth.AppNetwork("n", {});
            new berth.ContainerApp("tcp", { network: net, image: "i:1", healthCheck: { tcp: { port: 6379 } } });
            new berth.ContainerApp("cmd", { network: net, image: "i:1", healthCheck: { command: ["/bin/check", "--quick"] } });
        }, onTarget("docker"));
        assert.deepStrictEqual(graph.inputs("docker:index/container:Container", "tcp-0").healthcheck.tests, [
            "CMD-SHELL",
            "nc -z 127.0.0.1 6379 2>/dev/null || nc -w 2 127.0.0.1 6379 </dev/null >/dev/null",
        ]);
        assert.deepStrictEqual(graph.inputs("docker:index/container:Container", "cmd-0").healthcheck.tests, ["CMD", "/bin/check", "--quick"]);
    });

    it("does not wait for health when the app has no health check", async () => {
        const { graph } = await runProgram(() => {
            const net = new berth.AppNetwork("n", {});
            new berth.ContainerApp("plain", { network: net, image: "i:1" });
        }, onTarget("docker"));
        const container = graph.inputs("docker:index/container:Container", "plain-0");
        assert.strictEqual(container.wait, false);
        assert.strictEqual(container.healthcheck, undefined);
    });

    it("runs secure by default: non-root, read-only root with a tmpfs /tmp, no capabilities, no new privileges", async () => {
        const { graph } = await runShop("docker", { webArgs: { configs: [] } });
        const container = graph.inputs("docker:index/container:Container", "web-0");
        assert.strictEqual(container.user, "65532:65532");
        assert.strictEqual(container.readOnly, true);
        assert.deepStrictEqual(container.tmpfs, { "/tmp": "rw,noexec,nosuid,size=64m" });
        assert.deepStrictEqual(container.capabilities, { drops: ["ALL"] });
        assert.deepStrictEqual(container.securityOpts, ["no-new-privileges:true"]);
    });

    it("leaves the root filesystem writable, with a warning, for an app whose config files it copies in", async () => {
        // Docker refuses the provider's copy into "/" of a container with a read-only root filesystem.
        const { graph, warnings } = await runShop("docker");
        const container = graph.inputs("docker:index/container:Container", "web-0");
        assert.strictEqual(container.readOnly, false);
        assert.deepStrictEqual(container.tmpfs, { "/tmp": "rw,noexec,nosuid,size=64m" });
        assert.strictEqual(container.user, "65532:65532");
        assert.match(warnings.join("\n"), /ContainerApp "web": its root filesystem is writable on Docker/);
        const withoutFiles = await runShop("docker", { webArgs: { configs: [] } });
        assert.doesNotMatch(withoutFiles.warnings.join("\n"), /root filesystem is writable/);
    });

    it("lets a user opt out of each security default", async () => {
        const { graph } = await runShop("docker", {
            webArgs: { security: { runAsNonRoot: false, readOnlyRootFilesystem: false, dropAllCapabilities: false, allowPrivilegeEscalation: true } },
        });
        const container = graph.inputs("docker:index/container:Container", "web-0");
        assert.strictEqual(container.user, undefined);
        assert.strictEqual(container.readOnly, false);
        assert.strictEqual(container.capabilities, undefined);
        assert.strictEqual(container.securityOpts, undefined);
    });

    it("maps resources: limits to --cpus and --memory with no swap, requests to CPU shares and a memory reservation", async () => {
        const { graph } = await runShop("docker");
        const container = graph.inputs("docker:index/container:Container", "web-0");
        assert.strictEqual(container.cpus, "1");
        assert.strictEqual(container.memory, 512);
        // No swap beyond the limit, as on Kubernetes (Docker's default of twice the limit reads back as a diff).
        assert.strictEqual(container.memorySwap, 512);
        assert.strictEqual(container.cpuShares, 256);
        assert.strictEqual(container.memoryReservation, 256);
    });

    it("maps restart policies and command/args", async () => {
        const { graph } = await runShop("docker", { webArgs: { restartPolicy: "on-failure", command: ["/bin/web"], args: ["--port", "8080"] } });
        const container = graph.inputs("docker:index/container:Container", "web-0");
        assert.strictEqual(container.restart, "on-failure");
        assert.deepStrictEqual(container.entrypoints, ["/bin/web"]);
        assert.deepStrictEqual(container.command, ["--port", "8080"]);
    });

    it("mounts ephemeral volumes as tmpfs and persistent ones as named volumes", async () => {
        const { graph } = await runShop("docker", {
            webArgs: { volumes: [{ name: "cache", mountPath: "/cache" }, { name: "data", mountPath: "/data", persistent: true }] },
        });
        const container = graph.inputs("docker:index/container:Container", "web-0");
        assert.strictEqual(container.tmpfs["/cache"], "rw,nosuid");
        assert.deepStrictEqual(container.volumes, [{ volumeName: "shop-web-data-0", containerPath: "/data", readOnly: false }]);
        assert.strictEqual(graph.inputs("docker:index/volume:Volume", "web-data-0").name, "shop-web-data-0");
    });

    it("warns that ingress is not available", async () => {
        const { warnings } = await runShop("docker", { webArgs: { allowFrom: ["web"], ingress: { host: "shop.example.com", port: "http" } } });
        assert.doesNotMatch(warnings.join("\n"), /allowFrom/);
        assert.match(warnings.join("\n"), /ContainerApp "web" ingress: Ingress \(host, path, TLS\) is not available on docker/);
    });
});
