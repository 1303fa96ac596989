import * as assert from "assert";
import { networkArgs } from "../../../components/backends/docker/network";
import { network } from "../models";

describe("Docker builder: the network", () => {
    it("is a bridge network named after the AppNetwork, internal when asked, with berth's labels and the user's", () => {
        assert.deepStrictEqual(networkArgs(network({ internal: true, defaultDenyIngress: false, labels: { team: "shop" } })), {
            name: "shop",
            driver: "bridge",
            internal: true,
            options: undefined,
            labels: [
                { label: "app.kubernetes.io/managed-by", value: "berth" },
                { label: "app.kubernetes.io/part-of", value: "shop" },
                { label: "team", value: "shop" },
            ],
        });
    });

    it("carries no traffic between containers under the default deny (ICC off): apps meet on allow networks only", () => {
        assert.deepStrictEqual(networkArgs(network()).options, { "com.docker.network.bridge.enable_icc": "false" });
    });
});
