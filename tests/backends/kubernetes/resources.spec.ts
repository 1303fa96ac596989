import * as assert from "assert";
import { resourceRequirements } from "../../../components/backends/kubernetes/resources";
import { app } from "../models";

describe("Kubernetes builder: resource requirements", () => {
    it("is left out when the app sets no requests or limits", () => {
        assert.strictEqual(resourceRequirements(app().resources), undefined);
    });

    it("writes canonical quantities, leaving out what is not set", () => {
        assert.deepStrictEqual(resourceRequirements(app({ resources: { requests: { cpu: "0.25" }, limits: { memory: "1024Mi" } } }).resources), {
            requests: { cpu: "250m" },
            limits: { memory: "1Gi" },
        });
    });

    it("writes both amounts of each side", () => {
        const resources = app({ resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } } }).resources;
        assert.deepStrictEqual(resourceRequirements(resources), { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } });
    });
});
