import * as assert from "assert";
import { networkArgs } from "../../../components/backends/docker/network";
import { network } from "../models";

describe("Docker builder: the network", () => {
    it("is a bridge network named after the AppNetwork, internal when asked, with berth's labels and the user's", () => {
        assert.deepStrictEqual(networkArgs(network({ internal: true, labels: { team: "shop" } })), {
            name: "shop",
            driver: "bridge",
            internal: true,
            labels: [
                { label: "app.kubernetes.io/managed-by", value: "berth" },
                { label: "app.kubernetes.io/part-of", value: "shop" },
                { label: "team", value: "shop" },
            ],
        });
    });
});
