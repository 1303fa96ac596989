import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { pushedRepository, registryAuth } from "../../../components/backends/kubernetes/container-image";
import { helperBuildOwner, workloadBuildOwner } from "../../../components/backends/image-build";
import { app, job } from "../models";

describe("Kubernetes builder: the image a container built from source is pushed as", () => {
    const registry = { repositoryPrefix: "registry.example.com/teams/shop", address: "registry.example.com" };

    it("is pushed under the registry's prefix, the network and the app", () => {
        assert.strictEqual(pushedRepository(registry, workloadBuildOwner("ContainerApp", app({}, { name: "api" }))), "registry.example.com/teams/shop/shop/api");
    });

    it("a job's under its name, an init container's or sidecar's under <workload>.<helper>, so no two containers share a repository", () => {
        const migrate = workloadBuildOwner(`ContainerJob "migrate"`, job());
        assert.strictEqual(pushedRepository(registry, migrate), "registry.example.com/teams/shop/shop/migrate");
        const fetch = helperBuildOwner(migrate, { name: "fetch" }, "init container");
        assert.strictEqual(pushedRepository(registry, fetch), "registry.example.com/teams/shop/shop/migrate.fetch");
        assert.strictEqual(fetch.description, `ContainerJob "migrate" init container "fetch"`);
    });

    it("authenticates at the registry's address, with the user and secret password when the stack names them", async () => {
        assert.deepStrictEqual(registryAuth(registry), { address: "registry.example.com", username: undefined, password: undefined });
        const auth = registryAuth({ ...registry, address: "http://127.0.0.1:5000", username: "ci", password: pulumi.secret("pw") });
        assert.strictEqual(auth.address, "http://127.0.0.1:5000");
        assert.strictEqual(auth.username, "ci");
        assert.strictEqual(await pulumi.isSecret(auth.password as pulumi.Output<string>), true);
    });
});
