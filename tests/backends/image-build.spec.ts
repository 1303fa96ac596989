import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { buildBlock, builtImageName, buildTriggers, helperBuildOwner, imageResourceName, workloadBuildOwner } from "../../components/backends/image-build";
import { BuildDigests, buildTag } from "../../components/model/image-build";
import { app, job } from "./models";

/** An app built from a context of the test fixtures (tests run in the repository root). */
function built(build: Record<string, unknown>) {
    const model = app({ image: undefined, build: { context: "tests/fixtures/build/stages", ...build } });
    return model.build!;
}

const digests: BuildDigests = { context: "c".repeat(64), dockerfile: "d".repeat(64), args: "a".repeat(64) };

describe("Builder: an image built from source", () => {
    it("gives the provider paths relative to the project directory and the context, never a machine's own", () => {
        const block = buildBlock(built({ dockerfile: "alt.Dockerfile", target: "only", platform: "linux/arm64/v8" }), ".berth/build-logs/x.log");
        assert.deepStrictEqual(block, {
            context: "tests/fixtures/build/stages",
            dockerfile: "alt.Dockerfile",
            target: "only",
            platform: "linux/arm64/v8",
            buildArgs: undefined,
            buildLogFile: ".berth/build-logs/x.log",
        });
    });

    it("passes build args as given, sorted, a secret one still a secret; none leaves the field out", async () => {
        const block = buildBlock(built({ args: { RELEASE: "1.2", NPM_TOKEN: pulumi.secret("t0k3n") } }), "log");
        const args = block.buildArgs as Record<string, pulumi.Input<string>>;
        assert.deepStrictEqual(Object.keys(args), ["NPM_TOKEN", "RELEASE"]);
        assert.strictEqual(await pulumi.isSecret(args.NPM_TOKEN as pulumi.Output<string>), true);
        assert.strictEqual(args.RELEASE, "1.2");
    });

    it("triggers a rebuild per part, so the preview names the part that changed", () => {
        assert.deepStrictEqual(buildTriggers(digests), { args: digests.args, context: digests.context, dockerfile: digests.dockerfile });
    });

    it("tags the image with a digest of everything that goes into it: each build has a name of its own", () => {
        const model = built({});
        const name = builtImageName("shop/web", model, digests);
        assert.match(name, /^shop\/web:[0-9a-f]{16}$/);
        const changed = [
            builtImageName("shop/web", model, { ...digests, context: "e".repeat(64) }),
            builtImageName("shop/web", model, { ...digests, dockerfile: "e".repeat(64) }),
            builtImageName("shop/web", model, { ...digests, args: "e".repeat(64) }),
            builtImageName("shop/web", built({ target: "base" }), digests),
            builtImageName("shop/web", built({ platform: "linux/amd64" }), digests),
            builtImageName("shop/web", built({ dockerfile: "alt.Dockerfile" }), digests),
            // The same content elsewhere: a replacement, which must not share the old image's name.
            builtImageName("shop/web", built({ context: "tests/fixtures/build/plain" }), digests),
        ];
        assert.strictEqual(new Set([name, ...changed]).size, 1 + changed.length);
        assert.strictEqual(builtImageName("shop/web", built({}), digests), name, "the same build, the same name");
        assert.strictEqual(buildTag(model, digests), name.split(":")[1]);
    });

    it("is modelled the same on a job, an init container and a sidecar, each pulled or built", () => {
        const seed = job({ image: undefined, build: { context: "tests/fixtures/build/stages", target: "runtime" }, initContainers: [{ name: "fetch", build: { context: "tests/fixtures/build/plain" } }, { name: "wait", image: "w:1" }] });
        assert.deepStrictEqual([seed.image, seed.build?.context, seed.build?.target, seed.build?.dockerfile], [undefined, "tests/fixtures/build/stages", "runtime", "Dockerfile"]);
        const [fetch, wait] = seed.initContainers;
        assert.deepStrictEqual([fetch.image, fetch.build?.context], [undefined, "tests/fixtures/build/plain"]);
        assert.deepStrictEqual([wait.image, wait.build], ["w:1", undefined]);
        const web = app({ sidecars: [{ name: "proxy", build: { context: "tests/fixtures/build/plain", args: { B: "2", A: "1" } } }] });
        assert.deepStrictEqual(Object.keys(web.sidecars[0].build!.args), ["A", "B"]);
    });

    it("names each container's image after its owner: <workload>-image, <workload>.<helper>-image, errors saying whose it is", () => {
        const seed = workloadBuildOwner(`ContainerJob "seed"`, job({}, { name: "seed" }));
        assert.deepStrictEqual(seed, { description: `ContainerJob "seed"`, network: "shop", name: "seed" });
        assert.strictEqual(imageResourceName(seed), "seed-image");
        const proxy = helperBuildOwner(workloadBuildOwner(`ContainerApp "web"`, app()), { name: "proxy" }, "sidecar");
        assert.deepStrictEqual(proxy, { description: `ContainerApp "web" sidecar "proxy"`, network: "shop", name: "web.proxy" });
        assert.strictEqual(imageResourceName(proxy), "web.proxy-image");
    });
});
