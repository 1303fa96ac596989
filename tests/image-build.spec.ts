import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { isSecretMarker, runProgram } from "../components/testing";
import { errorOf, onTarget } from "./programs";

/*
 * `build` on a ContainerApp, a ContainerJob, an init container and a sidecar:
 * what it registers on each target, and what it refuses before anything
 * registers. The contexts are the fixtures in
 * tests/fixtures/build (read from the repository root, where the tests run).
 */

const plain = "tests/fixtures/build/plain";
const stages = "tests/fixtures/build/stages";
const registry = { "berth:registry": "registry.example.com/teams" };

function builtJobOf(build: berth.ImageBuildArgs, extra: Partial<berth.ContainerJobArgs> = {}) {
    const net = new berth.AppNetwork("shop", {});
    return new berth.ContainerJob("seed", { network: net, build, ...extra });
}

function builtApp(build: berth.ImageBuildArgs, extra: Partial<berth.ContainerAppArgs> = {}, name = "web") {
    const net = new berth.AppNetwork("shop", {});
    return new berth.ContainerApp(name, { network: net, build, ...extra });
}

describe("ContainerApp built from source", () => {
    describe("on Docker", () => {
        it("builds the image on the stack's engine, named after network and app, tagged with its digest; the containers run it by id", async () => {
            const { graph } = await runProgram(() => builtApp({ context: stages, target: "runtime", args: { RELEASE: "1.2" } }), onTarget("docker"));
            const image = graph.inputs("docker:index/remoteImage:RemoteImage", "web-image");
            assert.match(image.name, /^shop\/web:[0-9a-f]{16}$/);
            assert.strictEqual(image.keepLocally, false);
            assert.deepStrictEqual(image.build, { context: stages, dockerfile: "Dockerfile", target: "runtime", buildArgs: { RELEASE: "1.2" }, buildLogFile: ".berth/build-logs/test-shop-web.log" });
            assert.deepStrictEqual(Object.keys(image.triggers), ["args", "context", "dockerfile"]);
            for (const digest of Object.values(image.triggers)) assert.match(digest as string, /^[0-9a-f]{64}$/);
            assert.match(graph.inputs("docker:index/container:Container", "web-0").image, /^sha256:[0-9a-f]{64}$/);
        });

        it("keeps a secret build arg secret: in the build block, and out of every digest and name", async () => {
            const token = "npm-t0k3n-3c9e1b";
            const { graph } = await runProgram(() => builtApp({ context: plain, args: { NPM_TOKEN: pulumi.secret(token), RELEASE: "1" } }), onTarget("docker"));
            const image = graph.resources.find((r) => r.name === "web-image")!;
            // The engine receives the build block as a secret (a secret inside an object makes the object one).
            assert.ok(isSecretMarker(image.inputs.build), "the secret arg goes to the provider as a secret");
            assert.deepStrictEqual(graph.inputs("docker:index/remoteImage:RemoteImage", "web-image").build.buildArgs, { NPM_TOKEN: token, RELEASE: "1" });
            assert.deepStrictEqual(graph.plaintextLeaks([token]), []);
            assert.ok(!isSecretMarker(image.inputs.triggers) && !isSecretMarker(image.inputs.name), "digests reveal nothing, so they stay readable in previews");
        });

        it("reads the context from the project directory the program runs in, and gives the provider that relative path", async () => {
            const { graph } = await runProgram(() => builtApp({ context: "plain" }), { ...onTarget("docker"), cwd: path.resolve("tests/fixtures/build") });
            assert.strictEqual(graph.inputs("docker:index/remoteImage:RemoteImage", "web-image").build.context, "plain");
            const absolute = await runProgram(() => builtApp({ context: path.resolve(plain) }), onTarget("docker"));
            assert.strictEqual(absolute.graph.inputs("docker:index/remoteImage:RemoteImage", "web-image").build.context, plain);
        });

        it("renames and retriggers the image when what goes into it changes, and only then", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-build-"));
            try {
                fs.writeFileSync(path.join(dir, "Dockerfile"), "FROM scratch\nCOPY page.txt /\n");
                fs.writeFileSync(path.join(dir, "page.txt"), "one");
                fs.writeFileSync(path.join(dir, ".dockerignore"), "*.md\n");
                const image = async () => (await runProgram(() => builtApp({ context: dir }), onTarget("docker"))).graph.inputs("docker:index/remoteImage:RemoteImage", "web-image");
                const first = await image();
                fs.writeFileSync(path.join(dir, "NOTES.md"), "ignored by .dockerignore");
                assert.deepStrictEqual(await image(), first);
                fs.writeFileSync(path.join(dir, "page.txt"), "two");
                const edited = await image();
                assert.notStrictEqual(edited.name, first.name);
                assert.deepStrictEqual({ ...edited.triggers, context: first.triggers.context }, first.triggers, "only the context's digest changed");
                fs.appendFileSync(path.join(dir, "Dockerfile"), "# a comment\n");
                const dockerfileEdited = await image();
                assert.notStrictEqual(dockerfileEdited.triggers.dockerfile, edited.triggers.dockerfile);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("on Kubernetes", () => {
        it("builds, pushes to the stack's registry and deploys the digest the registry reports", async () => {
            const { graph } = await runProgram(() => builtApp({ context: plain }), onTarget("kubernetes", registry));
            const image = graph.inputs("docker:index/remoteImage:RemoteImage", "web-image");
            assert.match(image.name, /^registry\.example\.com\/teams\/shop\/web:[0-9a-f]{16}$/);
            const push = graph.inputs("docker:index/registryImage:RegistryImage", "web-push");
            assert.strictEqual(push.name, image.name);
            assert.strictEqual(push.keepRemotely, true);
            assert.deepStrictEqual(push.authConfig, { address: "registry.example.com" });
            assert.match(push.triggers.imageId, /^sha256:/);
            const container = graph.inputs("kubernetes:apps/v1:Deployment", "web").spec.template.spec.containers[0];
            // The mocks report sha256(<pushed name>) as the registry's digest.
            assert.match(container.image, /^registry\.example\.com\/teams\/shop\/web@sha256:[0-9a-f]{64}$/);
        });

        it("pushes with the stack's credentials, the password a secret, and talks plain HTTP to an http:// registry", async () => {
            const password = "registry-pw-91ab";
            const { graph } = await runProgram(() => builtApp({ context: plain }), {
                config: { "berth:target": "kubernetes", "berth:registry": "http://127.0.0.1:5000/e2e", "berth:registryUsername": "ci", "berth:registryPassword": password },
                secretKeys: ["berth:registryPassword"],
            });
            const push = graph.resources.find((r) => r.name === "web-push")!;
            assert.ok(isSecretMarker(push.inputs.authConfig), "the credentials go to the provider as a secret");
            assert.deepStrictEqual(graph.inputs("docker:index/registryImage:RegistryImage", "web-push").authConfig, { address: "http://127.0.0.1:5000", username: "ci", password });
            assert.match(graph.inputs("docker:index/registryImage:RegistryImage", "web-push").name, /^127\.0\.0\.1:5000\/e2e\/shop\/web:/);
            assert.deepStrictEqual(graph.plaintextLeaks([password]), []);
        });

        it("passes a prod stack's pinned-image rule without a digest being copied anywhere", async () => {
            const prod = { ...registry, "berth:tier": "prod" };
            const complete = {
                healthCheck: { http: { path: "/", port: 8080 } },
                resources: { limits: { memory: "128Mi" } },
                replicas: 2,
            };
            const { graph } = await runProgram(() => builtApp({ context: plain }, complete), onTarget("kubernetes", prod));
            assert.strictEqual(graph.ofType("kubernetes:apps/v1:Deployment").length, 1);
        });
    });

    describe("a ContainerJob, an init container, a sidecar built the same way", () => {
        const builtJob = builtJobOf;
        const withContext = async (edit: (dir: string) => void, check: (dir: string) => Promise<void>) => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-build-"));
            try {
                fs.writeFileSync(path.join(dir, "Dockerfile"), "FROM scratch\nCOPY seed.sql /\n");
                fs.writeFileSync(path.join(dir, "seed.sql"), "one");
                edit(dir);
                await check(dir);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        };

        it("Docker: a job's image is built under <network>/<job> and its container runs it by id; a source change is a new id, so the job runs again", async () => {
            await withContext(() => undefined, async (dir) => {
                const run = async () => (await runProgram(() => builtJob({ context: dir }), onTarget("docker"))).graph;
                const first = await run();
                const image = first.inputs("docker:index/remoteImage:RemoteImage", "seed-image");
                assert.match(image.name, /^shop\/seed:[0-9a-f]{16}$/);
                assert.strictEqual(image.build.buildLogFile, ".berth/build-logs/test-shop-seed.log");
                const container = () => first.inputs("docker:index/container:Container", "seed");
                assert.match(container().image, /^sha256:[0-9a-f]{64}$/);
                assert.deepStrictEqual((await run()).inputs("docker:index/container:Container", "seed"), container(), "no change, no new run");
                fs.writeFileSync(path.join(dir, "seed.sql"), "two");
                const edited = await run();
                assert.notStrictEqual(edited.inputs("docker:index/container:Container", "seed").image, container().image);
                assert.deepStrictEqual({ ...edited.inputs("docker:index/container:Container", "seed"), image: container().image }, container(), "only the image changed");
            });
        });

        it("Docker: an init container's and a sidecar's images are built under <network>/<workload>.<helper> and run by id", async () => {
            const { graph } = await runProgram(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.ContainerApp("web", { network: net, image: "web:1", initContainers: [{ name: "assets", build: { context: plain } }], sidecars: [{ name: "proxy", build: { context: stages, target: "runtime" } }] });
                new berth.ContainerJob("seed", { network: net, image: "seed:1", initContainers: [{ name: "fetch", build: { context: plain } }] });
            }, onTarget("docker"));
            const names = ["web.assets-image", "web.proxy-image", "seed.fetch-image"].map((n) => graph.inputs("docker:index/remoteImage:RemoteImage", n).name);
            assert.deepStrictEqual(names.map((n) => n.split(":")[0]), ["shop/web.assets", "shop/web.proxy", "shop/seed.fetch"]);
            assert.strictEqual(graph.inputs("docker:index/remoteImage:RemoteImage", "web.proxy-image").build.target, "runtime");
            for (const container of ["web-0.assets", "web-0.proxy", "seed.fetch"]) {
                assert.match(graph.inputs("docker:index/container:Container", container).image, /^sha256:[0-9a-f]{64}$/, container);
            }
            // The pulled ones are pulled as before.
            assert.strictEqual(graph.inputs("docker:index/remoteImage:RemoteImage", "seed-image").name, "seed:1");
        });

        it("keeps a job's and a helper's secret build args secret", async () => {
            const token = "npm-t0k3n-5d1f2a";
            const { graph } = await runProgram(() => builtJob({ context: plain, args: { NPM_TOKEN: pulumi.secret(token) } }, { initContainers: [{ name: "fetch", build: { context: plain, args: { NPM_TOKEN: pulumi.secret(token) } } }] }), onTarget("docker"));
            for (const name of ["seed-image", "seed.fetch-image"]) {
                assert.ok(isSecretMarker(graph.resources.find((r) => r.name === name)!.inputs.build), name);
            }
            assert.deepStrictEqual(graph.plaintextLeaks([token]), []);
        });

        it("Kubernetes: a job's image is pushed and the Job runs the digest; a source change is a new digest, so a new Job name (it runs again)", async () => {
            await withContext(() => undefined, async (dir) => {
                const run = async () => (await runProgram(() => builtJob({ context: dir }), onTarget("kubernetes", registry))).graph;
                const jobOf = (graph: Awaited<ReturnType<typeof run>>) => graph.inputs("kubernetes:batch/v1:Job", "seed");
                const first = await run();
                assert.match(first.inputs("docker:index/registryImage:RegistryImage", "seed-push").name, /^registry\.example\.com\/teams\/shop\/seed:[0-9a-f]{16}$/);
                assert.match(jobOf(first).spec.template.spec.containers[0].image, /^registry\.example\.com\/teams\/shop\/seed@sha256:[0-9a-f]{64}$/);
                assert.strictEqual(jobOf(await run()).metadata.name, jobOf(first).metadata.name, "no change, the same Job");
                fs.writeFileSync(path.join(dir, "seed.sql"), "two");
                const edited = jobOf(await run());
                assert.notStrictEqual(edited.spec.template.spec.containers[0].image, jobOf(first).spec.template.spec.containers[0].image);
                assert.notStrictEqual(edited.metadata.name, jobOf(first).metadata.name);
            });
        });

        it("Kubernetes: an init container's and a sidecar's images are pushed and run by digest", async () => {
            const { graph } = await runProgram(() => {
                const net = new berth.AppNetwork("shop", {});
                new berth.ContainerApp("web", { network: net, image: "web:1", initContainers: [{ name: "assets", build: { context: plain } }], sidecars: [{ name: "proxy", image: "proxy:1" }] });
            }, onTarget("kubernetes", registry));
            const pod = graph.inputs("kubernetes:apps/v1:Deployment", "web").spec.template.spec;
            const images = Object.fromEntries(pod.initContainers.map((c: { name: string; image: string }) => [c.name, c.image]));
            assert.match(images.assets, /^registry\.example\.com\/teams\/shop\/web\.assets@sha256:[0-9a-f]{64}$/);
            assert.strictEqual(images.proxy, "proxy:1");
            assert.strictEqual(pod.containers[0].image, "web:1");
            assert.strictEqual(graph.ofType("docker:index/registryImage:RegistryImage").length, 1);
        });
    });

    describe("refused before anything registers", () => {
        const refused = async (program: () => unknown, target = "docker", extra: Record<string, string> = {}) => {
            const error = await errorOf(program, onTarget(target, extra));
            assert.ok(error instanceof berth.BerthValidationError, error.message);
            return error.message;
        };

        it("a context that is not a directory, naming where it looked", async () => {
            const message = await refused(() => builtApp({ context: "tests/fixtures/build/missing" }));
            assert.match(message, /^ContainerApp "web": build\.context "tests\/fixtures\/build\/missing" is not a directory \(looked for \/.*tests\/fixtures\/build\/missing; a relative path is read from the project directory\)$/);
        });

        it("a Dockerfile that is not there, read from the context", async () => {
            const message = await refused(() => builtApp({ context: plain, dockerfile: "web.Dockerfile" }));
            assert.match(message, /build\.dockerfile "web\.Dockerfile" is not a file \(looked for \/.*tests\/fixtures\/build\/plain\/web\.Dockerfile; a relative path is read from the context\)/);
        });

        it("a target the Dockerfile has no stage for, listing its stages", async () => {
            assert.match(await refused(() => builtApp({ context: stages, target: "prod" })), /build\.target "prod" is not a stage of Dockerfile \(its stages: base, runtime\)/);
            assert.match(await refused(() => builtApp({ context: plain, target: "prod" })), /build\.target "prod" is not a stage of Dockerfile \(it names no stage/);
        });

        it("both image and build, or neither", async () => {
            assert.match(await refused(() => builtApp({ context: plain }, { image: "web:1" })), /build cannot be set together with image: set exactly one of the two/);
            const net = () => new berth.AppNetwork("shop", {});
            assert.match(await refused(() => new berth.ContainerApp("web", { network: net() })), /image is required, unless build is set/);
        });

        it("a job or a helper with both image and build, or neither, each at its path, all at once", async () => {
            const net = () => new berth.AppNetwork("shop", {});
            const message = await refused(() =>
                new berth.ContainerJob("seed", { network: net(), initContainers: [{ name: "a", image: "a:1", build: { context: plain } }, { name: "b" }] }),
            );
            assert.match(message, /^ContainerJob "seed": /);
            assert.match(message, /"seed": image is required, unless build is set/);
            assert.match(message, /initContainers\[0\]\.build cannot be set together with image/);
            assert.match(message, /initContainers\[1\]\.image is required, unless build is set/);
        });

        it("a job's or a helper's missing context or Dockerfile, naming the component and the field, all at once", async () => {
            const message = await refused(() => {
                const net = new berth.AppNetwork("shop", {});
                return new berth.ContainerApp("web", { network: net, image: "web:1", sidecars: [{ name: "proxy", build: { context: plain, dockerfile: "proxy.Dockerfile" } }], initContainers: [{ name: "assets", build: { context: "nowhere" } }] });
            });
            assert.match(message, /^ContainerApp "web": /);
            assert.match(message, /initContainers\[0\]\.build\.context "nowhere" is not a directory/);
            assert.match(message, /sidecars\[0\]\.build\.dockerfile "proxy\.Dockerfile" is not a file/);
            const job = await refused(() => builtJobOf({ context: plain, target: "prod" }, { timeoutSeconds: 0 }));
            assert.match(job, /^ContainerJob "seed": /);
            assert.match(job, /build\.target "prod" is not a stage of Dockerfile/);
            assert.match(job, /timeoutSeconds must be between 1 and 86400/);
        });

        it("on Kubernetes, a job or a helper built without a registry, naming the field once", async () => {
            assert.match(await refused(() => builtJobOf({ context: plain }), "kubernetes"), /^ContainerJob "seed": build: on Kubernetes the image is pushed to the stack's registry, and the stack names none/);
            const message = await refused(() => builtJobOf({ context: plain }, { image: "seed:1", build: undefined, initContainers: [{ name: "a", build: { context: plain } }, { name: "b", build: { context: plain } }] }), "kubernetes");
            assert.strictEqual(message, `ContainerJob "seed": initContainers[0].build: on Kubernetes the image is pushed to the stack's registry, and the stack names none: pulumi config set berth:registry <host[:port][/path]>`);
        });

        it("on Kubernetes, a stack that names no registry, saying how to name one", async () => {
            assert.match(
                await refused(() => builtApp({ context: plain }), "kubernetes"),
                /build: on Kubernetes the image is pushed to the stack's registry, and the stack names none: pulumi config set berth:registry <host\[:port\]\[\/path\]>/,
            );
        });

        it("a registry password stored in plaintext, a user without a password, a registry that is no registry", async () => {
            const error = await errorOf(() => builtApp({ context: plain }), onTarget("kubernetes", { "berth:registry": "https://Registry/x y", "berth:registryPassword": "pw" }));
            assert.match(error.message, /berth:registryPassword must be set as a secret: pulumi config set --secret berth:registryPassword <value>/);
            assert.match(error.message, /berth:registryUsername and berth:registryPassword go together/);
            assert.match(error.message, /berth:registry must be a registry host with an optional port and path/);
        });

        it("every problem at once, with the other fields', and nothing registered", async () => {
            const { graph, result } = await runProgram(() => {
                const net = new berth.AppNetwork("shop", {});
                try {
                    new berth.ContainerApp("web", { network: net, build: { context: "nowhere", platform: "amd64", args: { "1BAD": "x" } }, replicas: -1 });
                    return "constructed";
                } catch (error) {
                    return (error as Error).message;
                }
            }, onTarget("docker"));
            assert.match(result, /build\.context "nowhere" is not a directory/);
            assert.match(result, /build\.args\.1BAD is not a valid key/);
            assert.match(result, /build\.platform must be a platform such as "linux\/amd64"/);
            assert.match(result, /replicas must be between 0 and 1000/);
            assert.deepStrictEqual(graph.resources.filter((r) => r.name.startsWith("web")), []);
        });
    });
});
