import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as berth from "../components";
import { resolveOutput, runProgram } from "../components/testing";
import { onTarget } from "./programs";

describe("AppNetwork", () => {
    describe("on Docker", () => {
        it("creates one user-defined bridge network named after the component", async () => {
            const { graph } = await runProgram(() => new berth.AppNetwork("shop", {}), onTarget("docker"));
            const network = graph.inputs("docker:index/network:Network", "shop");
            assert.strictEqual(network.name, "shop");
            assert.strictEqual(network.driver, "bridge");
            assert.strictEqual(network.internal, false);
            assert.deepStrictEqual(graph.resources.map((r) => r.type), ["berth:index:AppNetwork", "docker:index/network:Network"]);
        });

        it("makes an internal network when asked", async () => {
            const { graph } = await runProgram(() => new berth.AppNetwork("shop", { internal: true }), onTarget("docker"));
            assert.strictEqual(graph.inputs("docker:index/network:Network", "shop").internal, true);
        });

        it("is the default target when the stack sets none", async () => {
            const { graph } = await runProgram(() => new berth.AppNetwork("shop", {}));
            assert.strictEqual(graph.ofType("docker:index/network:Network").length, 1);
        });

        it("denies traffic between containers on the network's bridge by default (ICC off), and lets it through when asked", async () => {
            const denied = await runProgram(() => new berth.AppNetwork("shop", {}), onTarget("docker"));
            assert.deepStrictEqual(denied.graph.inputs("docker:index/network:Network", "shop").options, { "com.docker.network.bridge.enable_icc": "false" });
            assert.deepStrictEqual(denied.warnings, []);
            const open = await runProgram(() => new berth.AppNetwork("shop", { defaultDenyIngress: false }), onTarget("docker"));
            assert.strictEqual(open.graph.inputs("docker:index/network:Network", "shop").options, undefined);
        });

        it("warns that Pod Security levels are not available when a user sets one", async () => {
            const { warnings } = await runProgram(() => new berth.AppNetwork("shop", { podSecurity: "baseline" }), onTarget("docker"));
            assert.match(warnings.join("\n"), /AppNetwork "shop" podSecurity: AppNetwork `podSecurity` is not available on docker/);
        });
    });

    describe("on Kubernetes", () => {
        it("creates a namespace and a default-deny ingress NetworkPolicy", async () => {
            const { graph, result } = await runProgram(() => new berth.AppNetwork("shop", {}), onTarget("kubernetes"));
            assert.strictEqual(graph.inputs("kubernetes:core/v1:Namespace", "shop").metadata.name, "shop");
            const deny = graph.inputs("kubernetes:networking.k8s.io/v1:NetworkPolicy", "shop-default-deny");
            assert.strictEqual(deny.metadata.namespace, "shop");
            assert.deepStrictEqual(deny.spec, { podSelector: {}, policyTypes: ["Ingress"] });
            assert.strictEqual((await resolveOutput(result.networkName)).value, "shop");
        });

        it("adopts an existing namespace without creating it", async () => {
            const { graph } = await runProgram(
                () => new berth.AppNetwork("shop", { namespace: "team-shop", createNamespace: false }),
                onTarget("kubernetes"),
            );
            assert.strictEqual(graph.ofType("kubernetes:core/v1:Namespace").length, 0);
            assert.strictEqual(graph.inputs("kubernetes:networking.k8s.io/v1:NetworkPolicy", "team-shop-default-deny").metadata.namespace, "team-shop");
        });

        it("checks derived object names across the AppNetworks that adopt one namespace, and only there", async () => {
            const declare = (namespaceOfB: string) => () => {
                const a = new berth.AppNetwork("team-a", { namespace: "team", createNamespace: false });
                const b = new berth.AppNetwork("team-b", { namespace: namespaceOfB, createNamespace: false, defaultDenyIngress: false });
                new berth.ContainerApp("web", { network: a, image: "web:1", env: { TOKEN: pulumi.secret("t") } });
                new berth.AppConfig("web-env", { network: b, secrets: { A: "1" } });
            };
            await assert.rejects(
                runProgram(declare("team"), onTarget("kubernetes")),
                /AppConfig "web-env": name makes its Secret "web-env", the name of app "web"'s Secret for secret env; rename one of them/,
            );
            const { graph } = await runProgram(declare("other-team"), onTarget("kubernetes"));
            assert.deepStrictEqual(graph.ofType("kubernetes:core/v1:Secret").map((s) => graph.inputs(s.type, s.name).metadata.namespace).sort(), ["other-team", "team"]);
        });

        it("lets a user opt out of default-deny", async () => {
            const { graph } = await runProgram(() => new berth.AppNetwork("shop", { defaultDenyIngress: false }), onTarget("kubernetes"));
            assert.strictEqual(graph.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").length, 0);
        });

        it("emulates an internal network with an egress policy limited to the namespace and DNS", async () => {
            const { graph } = await runProgram(() => new berth.AppNetwork("shop", { internal: true }), onTarget("kubernetes"));
            const egress = graph.inputs("kubernetes:networking.k8s.io/v1:NetworkPolicy", "shop-internal");
            assert.deepStrictEqual(egress.spec.policyTypes, ["Egress"]);
            assert.deepStrictEqual(egress.spec.egress[0], { to: [{ podSelector: {} }] });
            assert.deepStrictEqual(egress.spec.egress[1].ports, [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
        });

        it("marks every object skipAwait when the stack asks for it", async () => {
            const { graph } = await runProgram(() => new berth.AppNetwork("shop", {}), onTarget("kubernetes", { "berth:skipAwait": "true" }));
            assert.deepStrictEqual(graph.inputs("kubernetes:core/v1:Namespace", "shop").metadata.annotations, { "pulumi.com/skipAwait": "true" });
        });
    });

    it("registers every child under the component (type token berth:index:AppNetwork)", async () => {
        const { graph } = await runProgram(() => new berth.AppNetwork("shop", {}), onTarget("kubernetes"));
        assert.strictEqual(graph.resources[0].type, "berth:index:AppNetwork");
    });
});
