import * as assert from "assert";
import * as berth from "../components";
import { runProgram } from "../components/testing";
import { onTarget } from "./programs";

function program(order: "forward" | "reverse") {
    return () => {
        const flip = <T>(entries: [string, T][]) => Object.fromEntries(order === "forward" ? entries : [...entries].reverse());
        const net = new berth.AppNetwork("shop", { labels: flip([["team", "a"], ["cost", "b"]]) });
        const cfg = new berth.AppConfig("cfg", { network: net, values: flip([["B", "2"], ["A", "1"]]), files: flip([["z.conf", "z"], ["a.conf", "a"]]) });
        const ports = [{ name: "http", port: 80 }, { name: "admin", port: 9000 }];
        new berth.ContainerApp("web", {
            network: net,
            image: "web:1",
            env: flip([["ZED", "1"], ["ALPHA", "2"]]),
            labels: flip([["tier", "front"], ["owner", "x"]]),
            ports: order === "forward" ? ports : [...ports].reverse(),
            configs: [{ config: cfg, mountPath: "/etc/web" }],
            allowFrom: order === "forward" ? ["a", "b"] : ["b", "a"],
        });
        new berth.ContainerApp("b", { network: net, image: "b:1" });
        new berth.ContainerJob("a", { network: net, image: "a:1" });
    };
}

for (const target of ["docker", "kubernetes"]) {
    describe(`Stable output on ${target}`, () => {
        it("the same spec with keys and lists in another order gives identical child inputs", async () => {
            const forward = (await runProgram(program("forward"), onTarget(target))).graph.snapshot();
            const reverse = (await runProgram(program("reverse"), onTarget(target))).graph.snapshot();
            assert.deepStrictEqual(JSON.stringify(reverse), JSON.stringify(forward));
        });
    });
}

describe("Stable env and labels", () => {
    it("sorts env and labels by name", async () => {
        const { graph } = await runProgram(program("reverse"), onTarget("kubernetes"));
        const d = graph.inputs("kubernetes:apps/v1:Deployment", "web");
        const names = d.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name);
        assert.deepStrictEqual(names, [...names].sort());
        assert.deepStrictEqual(Object.keys(d.metadata.labels), [...Object.keys(d.metadata.labels)].sort());
    });
});
