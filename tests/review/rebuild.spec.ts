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
