import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { runProgram } from "../components/testing";
import { errorOf, onTarget, shop } from "./programs";

function app(args: Partial<berth.ContainerAppArgs>, name = "web") {
    const net = new berth.AppNetwork("shop", {});
    return new berth.ContainerApp(name, { network: net, image: "web:1", ...args } as berth.ContainerAppArgs);
}

describe("Validation", () => {
    it("names the component and lists every problem with its path, all at once", async () => {
        const error = await errorOf(
            () => app({ ports: [{ port: 8080 }, { port: 70000 }], healthCheck: { http: { path: "healthz", port: 8080 } } }),
            onTarget("kubernetes"),
        );
        assert.match(error.message, /^ContainerApp "web": ports\[1\]\.port must be between 1 and 65535; healthCheck\.http\.path must start with "\/"$/);
        assert.ok(error instanceof berth.BerthValidationError);
        assert.strictEqual(error.problems.length, 2);
    });

    it("registers nothing for a spec that fails, not even the component itself", async () => {
        const { graph, result } = await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            try {
                new berth.ContainerApp("web", { network: net, image: "web:1", replicas: -1 });
                return "constructed";
            } catch (error) {
                return (error as Error).message;
            }
        }, onTarget("kubernetes"));
        assert.match(result, /replicas must be between 0 and 1000/);
        assert.deepStrictEqual(graph.resources.filter((r) => r.name === "web" || r.type === "kubernetes:apps/v1:Deployment"), []);
    });

    const cases: Array<[string, () => unknown, RegExp, string?]> = [
        ["component names must be DNS-1123 labels", () => new berth.AppNetwork("Shop_1", {}), /AppNetwork "Shop_1": name must be lower-case letters/],
        ["names are at most 63 characters", () => new berth.AppNetwork("a".repeat(64), {}), /name must be at most 63 characters \(got 64\)/],
        ["unknown fields are typos, not silently ignored", () => app({ replica: 2 } as never), /ContainerApp "web": replica is not a known field/],
        ["the target must be docker or kubernetes", () => new berth.AppNetwork("shop", { target: "nomad" }), /AppNetwork "shop": target must be "docker" or "kubernetes"/],
        ["a health check sets exactly one kind", () => app({ healthCheck: { tcp: { port: 1 }, command: ["x"] } }), /healthCheck must set exactly one of http, tcp or command/],
        ["CPU quantities are checked", () => app({ resources: { requests: { cpu: "lots" } } }), /resources\.requests\.cpu must be a CPU quantity such as "250m"/],
        ["memory quantities are checked", () => app({ resources: { limits: { memory: "12XB" } } }), /resources\.limits\.memory must be a memory quantity/],
        ["requests must not exceed limits", () => app({ resources: { requests: { memory: "1Gi" }, limits: { memory: "512Mi" } } }), /resources\.requests\.memory must not exceed limits\.memory \(512Mi\)/],
        ["env names are checked", () => app({ env: { "1BAD": "x" } }), /env\.1BAD is not a valid key: must be an environment variable name/],
        ["ports must be unique", () => app({ ports: [{ port: 80 }, { port: 80 }] }), /ports\[1\]\.name "port-80" is already used by ports\[0\]; ports\[1\]\.port 80\/tcp is already declared by ports\[0\]/],
        ["the ingress port must be one of the app's ports", () => app({ ports: [{ name: "http", port: 80 }], ingress: { host: "a.example.com", port: "https" } }), /ingress\.port must name one of ports \(http\)/],
        ["the ingress host must be a DNS name", () => app({ ports: [{ name: "http", port: 80 }], ingress: { host: "not a host", port: "http" } }), /ingress\.host must be a DNS host name/],
        ["mount paths must be absolute", () => app({ volumes: [{ name: "v", mountPath: "data" }] }), /volumes\[0\]\.mountPath must be an absolute path/],
        ["a singleton runs one replica", () => app({ singleton: true, replicas: 2 }), /replicas a singleton runs exactly one instance; set replicas to 1 \(got 2\)/],
        ["the image must be a reference", () => app({ image: "my image" }), /image must be an image reference without spaces/],
        ["an image or a build is required", () => app({ image: undefined as never }), /image is required, unless build is set/],
        ["the network is required", () => new berth.ContainerApp("web", { image: "x:1" } as never), /network must be an AppNetwork/],
        ["restart policies are checked", () => app({ restartPolicy: "sometimes" }), /restartPolicy must be "always", "on-failure" or "never"/],
        ["label values are checked", () => app({ labels: { team: "a b" } }), /labels\.team must be at most 63 letters/],
        ["allowFrom names are checked", () => app({ allowFrom: ["Web"] }), /allowFrom\[0\] must be lower-case letters/],
        [
            "a config key is a value or a secret, not both",
            () => new berth.AppConfig("c", { network: new berth.AppNetwork("shop", {}), values: { A: "1" }, secrets: { A: "2" } }),
            /AppConfig "c": secrets\.A is also in values/,
        ],
        [
            "config file names cannot clash with value names",
            () => new berth.AppConfig("c", { network: new berth.AppNetwork("shop", {}), files: { A: "1" }, values: { A: "2" } }),
            /files\.A clashes with a value or secret of the same name/,
        ],
        [
            "config file names are single path segments",
            () => new berth.AppConfig("c", { network: new berth.AppNetwork("shop", {}), files: { "etc/app.yaml": "x" } }),
            /files\.etc\/app\.yaml is not a valid key: must be a file name/,
        ],
        [
            "minReplicas must not exceed maxReplicas",
            () => new berth.AutoscalingPolicy("s", { app: shop().web, minReplicas: 5, maxReplicas: 2, cpuUtilization: 50 }),
            /AutoscalingPolicy "s": minReplicas must be less than or equal to maxReplicas \(2\)/,
        ],
        [
            "a policy needs a metric",
            () => new berth.AutoscalingPolicy("s", { app: shop().web, minReplicas: 1, maxReplicas: 2 }),
            /AutoscalingPolicy "s": must set cpuUtilization or memoryUtilization/,
        ],
        [
            "a policy scaling on CPU needs the app's CPU request",
            () => new berth.AutoscalingPolicy("s", { app: shop({ webArgs: { resources: { requests: { memory: "1Gi" } } } }).web, minReplicas: 1, maxReplicas: 2, cpuUtilization: 50 }),
            /cpuUtilization app "web" has no resources\.requests\.cpu; CPU utilisation is measured against it/,
        ],
        [
            "a policy scaling on memory needs the app's memory request",
            () => new berth.AutoscalingPolicy("s", { app: shop({ webArgs: { resources: { requests: { cpu: "1" } } } }).web, minReplicas: 1, maxReplicas: 2, memoryUtilization: 50 }),
            /memoryUtilization app "web" has no resources\.requests\.memory/,
        ],
        [
            "minAvailable must leave room to drain a node",
            () => new berth.AutoscalingPolicy("s", { app: shop().web, minReplicas: 2, maxReplicas: 4, cpuUtilization: 50, minAvailable: 2 }),
            /minAvailable must be less than minReplicas \(2\)/,
        ],
        [
            "an app must be on its network's target",
            () => app({ target: "docker" }),
            /ContainerApp "web": target is "docker" but network "shop" is on "kubernetes"/,
        ],
        [
            "a config must belong to the app's network",
            () => {
                const other = new berth.AppNetwork("other", {});
                const cfg = new berth.AppConfig("c", { network: other, values: { A: "1" } });
                const net = new berth.AppNetwork("shop", {});
                new berth.ContainerApp("web", { network: net, image: "w:1", configs: [{ config: cfg }] });
            },
            /configs\[0\]\.config "c" belongs to network "other", not "shop"/,
        ],
        [
            "Docker publishes a host port from one container only",
            () => app({ replicas: 2, ports: [{ port: 80, publish: 8080 }] }),
            /ports\[0\]\.publish: a Docker host port is bound by one container, so publishing needs replicas: 1 \(got 2\)/,
            "docker",
        ],
        [
            "published host ports are unique per Docker host within the program",
            () => {
                const net = new berth.AppNetwork("shop", {});
                new berth.ContainerApp("web", { network: net, image: "w:1", ports: [{ port: 80, publish: 8080 }] });
                new berth.ContainerApp("admin", { network: net, image: "a:1", ports: [{ port: 81, publish: 9090 }, { port: 80, publish: 8080 }] });
            },
            /ContainerApp "admin": ports\[1\]\.publish 8080\/tcp is already published by app "web" on this Docker host/,
            "docker",
        ],
        ["the stack's berth:target is checked", () => new berth.AppNetwork("shop", {}), /stack config berth:target must be "docker" or "kubernetes" \(got "k8s"\)/, "k8s"],
        ["a Pod Security level is one of three", () => new berth.AppNetwork("shop", { podSecurity: "strict" }), /AppNetwork "shop": podSecurity must be "restricted", "baseline" or "privileged"/],
        [
            "Pod Security labels go on a namespace berth creates only",
            () => new berth.AppNetwork("shop", { createNamespace: false, podSecurity: "baseline" }),
            /podSecurity labels only a namespace berth creates; label the adopted namespace \(createNamespace: false\) yourself/,
        ],
        [
            "an app that opts out of what the namespace's Pod Security level demands would never start a pod",
            () => app({ security: { runAsNonRoot: false, allowPrivilegeEscalation: true } }),
            /security\.runAsNonRoot false is refused by the Pod Security level "restricted" of network "shop"'s namespace, so no pod would start; keep the secure default, or set the AppNetwork's podSecurity to "baseline"; security\.allowPrivilegeEscalation true is refused/,
        ],
        ["publishAs is LoadBalancer, NodePort or none", () => app({ publishAs: "ClusterIP" }), /publishAs must be "LoadBalancer", "NodePort" or "none"/],
        ["a public Service needs a published port", () => app({ ports: [{ port: 80 }], publishAs: "NodePort" }), /publishAs "NodePort" exposes published ports, and no port sets publish/],
        ["an allowTo entry names an app or an outside range", () => app({ allowTo: [{ app: "api", cidr: "10.0.0.0/8" }, {}] }), /allowTo\[0\] must set exactly one of app or cidr; allowTo\[1\] must set exactly one of app or cidr/],
        ["an outside range is a canonical CIDR", () => app({ allowTo: [{ cidr: "10.0.0.1/8" }, { cidr: "10.0.0.0/33" }] }), /allowTo\[0\]\.cidr must be the range's first address: 10\.0\.0\.0\/8; allowTo\[1\]\.cidr must be an IP range/],
        ["a port goes with an outside range, a protocol with a port", () => app({ allowTo: [{ app: "api", port: 80 }, { cidr: "10.0.0.0/8", protocol: "udp" }] }), /allowTo\[0\]\.port goes with cidr; .*allowTo\[1\]\.protocol goes with port/],
        [
            "an internal network has no outside destination to allow",
            () => new berth.ContainerApp("web", { network: new berth.AppNetwork("shop", { internal: true }), image: "w:1", allowTo: [{ cidr: "203.0.113.0/24" }] }),
            /allowTo\[0\]\.cidr is outside network "shop", which is internal \(no outside access\)/,
        ],
        [
            "liveness is at least as tolerant as readiness",
            () => app({ healthCheck: { tcp: { port: 80 }, failureThreshold: 5, livenessFailureThreshold: 4 } }),
            /healthCheck\.livenessFailureThreshold must be at least failureThreshold \(5\): an app should leave its Service before it is restarted/,
        ],
        [
            "a slow start fits in the time up waits for a replica",
            () => app({ healthCheck: { tcp: { port: 80 }, startupSeconds: 90 } }),
            /healthCheck\.startupSeconds 90 is longer than up waits for a replica \(healthyTimeoutSeconds 60\); raise healthyTimeoutSeconds to at least 90/,
        ],
        [
            "secrets as files need a directory to go in",
            () => {
                const net = new berth.AppNetwork("shop", {});
                const cfg = new berth.AppConfig("c", { network: net, secrets: { A: "1" } });
                new berth.ContainerApp("web", { network: net, image: "w:1", configs: [{ config: cfg, secretsAsFiles: true }] });
            },
            /configs\[0\]\.secretsAsFiles needs a mountPath: each secret becomes a file under it/,
        ],
    ];

    for (const [rule, program, expected, target] of cases) {
        it(rule, async () => {
            const error = await errorOf(program, onTarget(target ?? "kubernetes"));
            assert.match(error.message, expected);
        });
    }

    it("the same host port on Kubernetes is fine (each app has its own Service)", async () => {
        await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("web", { network: net, image: "w:1", ports: [{ port: 80, publish: 8080 }] });
            new berth.ContainerApp("admin", { network: net, image: "a:1", ports: [{ port: 80, publish: 8080 }] });
        }, onTarget("kubernetes"));
    });
});

describe("Validation in one pass: every problem of a component in one error", () => {
    function problemsOf(error: Error): string[] {
        assert.ok(error instanceof berth.BerthValidationError, `not a BerthValidationError: ${error.message}`);
        return error.problems;
    }

    it("reports a ContainerApp's field, rule, network, Docker and host-port problems together", async () => {
        const error = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            const other = new berth.AppNetwork("other", {});
            const foreign = new berth.AppConfig("foreign", { network: other, values: { A: "1" } });
            new berth.ContainerApp("web", { network: net, image: "w:1", ports: [{ port: 80, publish: 8080 }] });
            new berth.ContainerApp("admin", {
                network: net,
                image: "a:1",
                restartPolicy: "sometimes",
                replicas: 2,
                ports: [{ port: 80, publish: 8080 }],
                volumes: [
                    { name: "v", mountPath: "/a" },
                    { name: "v", mountPath: "/b" },
                ],
                configs: [{ config: foreign }],
            });
        }, onTarget("docker"));
        assert.strictEqual(error.message.split(": ")[0], 'ContainerApp "admin"');
        assert.deepStrictEqual(problemsOf(error), [
            'restartPolicy must be "always", "on-failure" or "never"',
            'volumes[1].name "v" is used by another volume',
            'configs[0].config "foreign" belongs to network "other", not "shop"',
            "ports[0].publish: a Docker host port is bound by one container, so publishing needs replicas: 1 (got 2)",
            'ports[0].publish 8080/tcp is already published by app "web" on this Docker host',
        ]);
    });

    it("a malformed field hides no rule that reads other fields", async () => {
        const error = await errorOf(() => app({ healthCheck: { http: { path: "healthz", port: 8080 } }, ports: [{ port: 80 }, { port: 80 }] }), onTarget("kubernetes"));
        assert.deepStrictEqual(problemsOf(error), [
            'healthCheck.http.path must start with "/"',
            'ports[1].name "port-80" is already used by ports[0]',
            "ports[1].port 80/tcp is already declared by ports[0]",
        ]);
    });

    it("reports the prod tier's findings with the args' problems", async () => {
        const error = await errorOf(() => app({ image: "web", ports: [{ port: 80 }, { port: 80, name: "again" }] }), onTarget("kubernetes", { "berth:tier": "prod" }));
        assert.deepStrictEqual(problemsOf(error), [
            "ports[1].port 80/tcp is already declared by ports[0]",
            'image "web" must be pinned by digest, as web@sha256:<digest> (a registry can move a tag; `docker buildx imagetools inspect web` prints the digest) in a prod stack',
            "healthCheck is required in a prod stack",
            "resources.limits is required (cpu and/or memory) in a prod stack",
        ]);
    });

    it("reports an AutoscalingPolicy's args, Docker, volume and app problems together", async () => {
        const error = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            const web = new berth.ContainerApp("web", {
                network: net,
                image: "w:1",
                ports: [{ port: 80, publish: 8080 }],
                volumes: [{ name: "data", mountPath: "/data", persistent: true }],
                resources: { requests: { cpu: "250m" } },
            });
            new berth.AutoscalingPolicy("first", { app: web, minReplicas: 1, maxReplicas: 1, cpuUtilization: 50 });
            new berth.AutoscalingPolicy("second", { app: web, minReplicas: 3, maxReplicas: 2, cpuUtilization: 50, memoryUtilization: 60, minAvailable: 5 });
        }, onTarget("docker"));
        assert.strictEqual(error.message.split(": ")[0], 'AutoscalingPolicy "second"');
        assert.deepStrictEqual(problemsOf(error), [
            "minReplicas must be less than or equal to maxReplicas (2)",
            "minAvailable must be less than minReplicas (3), or no pod could ever be evicted to drain a node",
            'memoryUtilization app "web" has no resources.requests.memory; memory utilisation is measured against it',
            'minReplicas 3 on Docker needs 3 containers, but app "web" publishes a host port, which one container only can bind; use minReplicas: 1 on Docker stacks',
            'app "web" already has AutoscalingPolicy "first"',
        ]);
    });

    it("reports a late AutoscalingPolicy together with its other problems, and the prod minimum", async () => {
        const error = await errorOf(async () => {
            const { web } = shop({ replicas: 2 });
            await new Promise((resolve) => setImmediate(resolve));
            new berth.AutoscalingPolicy("late", { app: web, minReplicas: 1, maxReplicas: 3, cpuUtilization: 50, minAvailable: 1 });
        }, onTarget("kubernetes", { "berth:tier": "prod" }));
        assert.deepStrictEqual(problemsOf(error), [
            "minAvailable must be less than minReplicas (1), or no pod could ever be evicted to drain a node",
            'app "web" was already deployed with a fixed replica count; create the policy right after the app, not inside an apply or after an await',
            "minReplicas must be at least 2 (got 1) in a prod stack",
        ]);
    });

    it("reports an AppConfig's key clash, target mismatch and derived-name clash together", async () => {
        const error = await errorOf(() => {
            const net = new berth.AppNetwork("shop", {});
            new berth.ContainerApp("web", { network: net, image: "w:1", env: { TOKEN: pulumi.secret("t") } });
            new berth.AppConfig("web-env", { network: net, target: "docker", values: { A: "1" }, secrets: { A: "2" } });
        }, onTarget("kubernetes"));
        assert.deepStrictEqual(problemsOf(error), [
            "secrets.A is also in values; a key is either a value or a secret",
            'target is "docker" but network "shop" is on "kubernetes"',
            `name makes its Secret "web-env", the name of app "web"'s Secret for secret env; rename one of them`,
        ]);
    });

    it("reports an AppNetwork's name, field and stack target problems together", async () => {
        const error = await errorOf(() => new berth.AppNetwork("Shop_1", { namespace: "Shop_NS" }), onTarget("k8s"));
        assert.deepStrictEqual(problemsOf(error), [
            "name must be lower-case letters, digits and '-', start with a letter and end with a letter or digit (DNS-1123)",
            "namespace must be lower-case letters, digits and '-', start with a letter and end with a letter or digit (DNS-1123)",
            'stack config berth:target must be "docker" or "kubernetes" (got "k8s")',
        ]);
    });

    it("registers nothing and claims nothing for a component that fails: the host port stays free", async () => {
        const { graph } = await runProgram(() => {
            const net = new berth.AppNetwork("shop", {});
            assert.throws(() => new berth.ContainerApp("bad", { network: net, image: "a b", ports: [{ port: 80, publish: 8080 }] }));
            new berth.ContainerApp("web", { network: net, image: "w:1", ports: [{ port: 80, publish: 8080 }] });
        }, onTarget("docker"));
        assert.deepStrictEqual(graph.resources.filter((r) => r.name === "bad" || r.name.startsWith("bad-")), []);
        assert.strictEqual(graph.ofType("docker:index/container:Container").length, 1);
    });
});
