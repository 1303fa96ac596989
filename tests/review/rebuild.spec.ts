import * as assert from "assert";
import { readPreview } from "../../cli/review/read/preview";
import { reviewStack } from "../../cli/review/stack-review";
import { changeNamed, fixtureText, previewOf, previewStep } from "./helpers";

/*
 * Images built from source (`build`): why each is rebuilt, in words, from the
 * preview the real engine printed (fixtures/engine-docker-rebuild.json, see
 * fixtures/README.md), and what a Kubernetes stack's push means.
 */
describe("berth review: images built from source", () => {
    const review = reviewStack("rvtest", readPreview(fixtureText("engine-docker-rebuild.json"), "engine-docker-rebuild.json"));

    it("says which part of a build changed: the source of one app, the build args of the other", () => {
        assert.strictEqual(changeNamed(review, "web-image").reason, "rebuilt: its source changed (the build context)");
        assert.strictEqual(changeNamed(review, "api-image").reason, "rebuilt: its build args changed");
    });

    it("and that the containers running them are replaced for the new image", () => {
        for (const container of ["web-0", "api-0"]) {
            assert.match(changeNamed(review, container).reason, /^replaced, the Docker target recreates containers when the image changes/);
        }
    });

    it("says the same of a job's or a helper's image, whose rebuild runs the job again", () => {
        const steps = previewOf(
            previewStep("replace", "berth:index:ContainerJob$docker:index/remoteImage:RemoteImage", "seed-image", {
                old: { name: "shop/seed:0123456789abcdef", build: { context: "seed" }, triggers: { context: "a" } },
                new: { name: "shop/seed:fedcba9876543210", build: { context: "seed" }, triggers: { context: "b" } },
                detailedDiff: { "triggers.context": { kind: "update-replace" }, name: { kind: "update-replace" } },
            }),
            previewStep("replace", "berth:index:ContainerApp$docker:index/remoteImage:RemoteImage", "web.assets-image", {
                old: { name: "shop/web.assets:0123456789abcdef", build: { context: "assets" }, triggers: { dockerfile: "a" } },
                new: { name: "shop/web.assets:fedcba9876543210", build: { context: "assets" }, triggers: { dockerfile: "b" } },
                detailedDiff: { "triggers.dockerfile": { kind: "update-replace" } },
            }),
            previewStep("replace", "berth:index:ContainerJob$docker:index/container:Container", "seed", { old: { attach: true }, new: { attach: true }, detailedDiff: { image: { kind: "update-replace" } } }),
        );
        const review = reviewStack("dev", readPreview(steps, "inline"));
        assert.strictEqual(changeNamed(review, "seed-image").reason, "rebuilt: its source changed (the build context)");
        assert.strictEqual(changeNamed(review, "web.assets-image").reason, "rebuilt: its Dockerfile changed");
        assert.strictEqual(changeNamed(review, "seed").reason, "**runs again**: the image changed");
    });

    it("names the context a new image is built from, and a push to the registry", () => {
        const steps = previewOf(
            previewStep("create", "berth:index:ContainerApp$docker:index/remoteImage:RemoteImage", "web-image", {
                new: { name: "registry.example.com/shop/web:0123456789abcdef", build: { context: "web", dockerfile: "Dockerfile" } },
            }),
            previewStep("create", "berth:index:ContainerApp$docker:index/registryImage:RegistryImage", "web-push", {
                new: { name: "registry.example.com/shop/web:0123456789abcdef" },
            }),
            previewStep("replace", "berth:index:ContainerApp$docker:index/registryImage:RegistryImage", "api-push", {
                new: { name: "registry.example.com/shop/api:fedcba9876543210" },
                replaceReasons: ["name"],
            }),
        );
        const created = reviewStack("prod", readPreview(steps, "inline"));
        assert.strictEqual(changeNamed(created, "web-image").reason, "image built from `web`");
        assert.strictEqual(changeNamed(created, "web-push").reason, "pushed to the registry as `registry.example.com/shop/web:0123456789abcdef`");
        assert.strictEqual(changeNamed(created, "api-push").reason, "pushed again as `registry.example.com/shop/api:fedcba9876543210`: its image was rebuilt");
    });
});
