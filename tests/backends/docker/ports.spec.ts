import * as assert from "assert";
import { publishedPorts, publishedUrl } from "../../../components/backends/docker/ports";
import { app } from "../models";

describe("Docker builder: published ports", () => {
    const web = app({ ports: [{ port: 9090 }, { name: "http", port: 8080, publish: 80 }, { port: 53, protocol: "udp", publish: 5353 }] });

    it("publishes only the published ports, on 127.0.0.1, with their protocol", () => {
        assert.deepStrictEqual(publishedPorts(web.ports), [
            { internal: 53, external: 5353, ip: "127.0.0.1", protocol: "udp" },
            { internal: 8080, external: 80, ip: "127.0.0.1", protocol: "tcp" },
        ]);
    });

    it("gives the URL of the first published port, and none without one", () => {
        assert.strictEqual(publishedUrl(web.ports), "http://127.0.0.1:5353");
        assert.strictEqual(publishedUrl(app({ ports: [{ port: 8080 }] }).ports), undefined);
    });
});
