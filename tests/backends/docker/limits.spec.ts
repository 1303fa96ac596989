import * as assert from "assert";
import { dockerResources } from "../../../components/backends/docker/limits";
import { app } from "../models";

describe("Docker builder: resources", () => {
    it("sets nothing without requests or limits", () => {
        assert.deepStrictEqual(dockerResources(app().resources), { memory: undefined, memorySwap: undefined, memoryReservation: undefined, cpus: undefined, cpuShares: undefined });
    });

    it("turns limits into --memory (no swap) and --cpus, requests into a reservation and CPU shares", () => {
        const resources = app({ resources: { requests: { cpu: "250m", memory: "128Mi" }, limits: { cpu: "1.5", memory: "1Gi" } } }).resources;
        assert.deepStrictEqual(dockerResources(resources), { memory: 1024, memorySwap: 1024, memoryReservation: 128, cpus: "1.5", cpuShares: 256 });
    });

    it("rounds memory up to whole MiB and never gives fewer than 2 CPU shares", () => {
        const resources = app({ resources: { requests: { cpu: "1m" }, limits: { memory: "1500k" } } }).resources;
        assert.deepStrictEqual([dockerResources(resources).memory, dockerResources(resources).cpuShares], [2, 2]);
    });
});
