import * as assert from "assert";
import { allowNetworkArgs } from "../../../components/backends/docker/allow-networks";
import { appReach } from "../../../components/backends/docker/reach";
import { AppModel } from "../../../components/model/app";
import { NetworkModel } from "../../../components/model/network";
import { app, network } from "../models";

/** The shop's three apps on one network: web (published) -> api -> cache. */
function shop(net: NetworkModel, extra: Record<string, Record<string, unknown>> = {}): Record<string, AppModel> {
    const on = { network: net };
    return {
        cache: app({ ports: [{ port: 6379 }], allowFrom: ["api"], ...extra.cache }, { name: "cache", ...on }),
        api: app({ ports: [{ port: 8080 }], allowFrom: ["web"], ...extra.api }, { name: "api", ...on }),
        web: app({ ports: [{ port: 8080, publish: 8080 }], ...extra.web }, { name: "web", ...on }),
    };
}

describe("Docker builder: who reaches whom (allow networks)", () => {
    it("gives an app others may reach a network of its own, joined by the apps it allows; the shared bridge carries no names", () => {
        const apps = shop(network());
        const all = Object.values(apps);
        assert.deepStrictEqual(appReach(apps.cache, all).attachments, [{ network: "shop", aliases: undefined }, { network: "shop-to-cache", aliases: ["cache"] }]);
        assert.deepStrictEqual(appReach(apps.api, all).attachments, [
            { network: "shop", aliases: undefined },
            { network: "shop-to-api", aliases: ["api"] },
            { network: "shop-to-cache" },
        ]);
        assert.deepStrictEqual(appReach(apps.web, all).attachments, [{ network: "shop", aliases: undefined }, { network: "shop-to-api" }]);
        assert.deepStrictEqual(
            all.map((a) => appReach(a, all).ownsAllowNetwork),
            [true, true, false],
        );
    });

    it("keeps an app whose egress is limited, with no outside destination and no published port, off the bridge with outside access", () => {
        const apps = shop(network({ defaultDenyEgress: true }), { api: { allowTo: [{ app: "cache" }] }, web: { allowTo: [{ app: "api" }] } });
        const all = Object.values(apps);
        const cache = appReach(apps.cache, all);
        assert.deepStrictEqual(cache.attachments, [{ network: "shop-to-cache", aliases: ["cache"] }]);
        assert.deepStrictEqual(cache.warnings, []);
        assert.deepStrictEqual(appReach(apps.api, all).attachments, [{ network: "shop-to-api", aliases: ["api"] }, { network: "shop-to-cache" }]);
        // web publishes a port: the published port needs the shared bridge; Docker says it cannot keep web off the outside.
        const web = appReach(apps.web, all);
        assert.deepStrictEqual(web.attachments, [{ network: "shop", aliases: undefined }, { network: "shop-to-api" }]);
        assert.match(web.warnings.join("\n"), /ContainerApp "web" egress \(it publishes a port, which needs the bridge with outside access\): .* is emulated on docker/);
    });

    it("joins only the allow networks of the apps its allowTo names when its egress is limited", () => {
        const apps = shop(network(), { web: { allowTo: [{ cidr: "203.0.113.0/24", port: 443 }] } });
        const web = appReach(apps.web, Object.values(apps));
        assert.deepStrictEqual(web.attachments, [{ network: "shop", aliases: undefined }]);
        assert.match(web.warnings.join("\n"), /egress to 203\.0\.113\.0\/24 \(Docker cannot narrow outside access to ranges and ports/);
    });

    it("shares one bridge with every app's name on it when the network does not deny by default, and says that limits no egress", () => {
        const apps = shop(network({ defaultDenyIngress: false }), { api: { allowTo: [{ app: "cache" }] } });
        const all = Object.values(apps);
        assert.deepStrictEqual(appReach(apps.cache, all), { attachments: [{ network: "shop", aliases: ["cache"] }], ownsAllowNetwork: false, warnings: [] });
        assert.match(appReach(apps.api, all).warnings.join("\n"), /ContainerApp "api" egress \(its network does not deny ingress by default/);
    });

    it("makes an allow network internal, named <network>-to-<app>, under the app's labels", () => {
        const apps = shop(network());
        assert.deepStrictEqual(allowNetworkArgs(apps.api), {
            name: "shop-to-api",
            driver: "bridge",
            internal: true,
            labels: [
                { label: "app.kubernetes.io/managed-by", value: "berth" },
                { label: "app.kubernetes.io/name", value: "api" },
                { label: "app.kubernetes.io/part-of", value: "shop" },
            ],
        });
    });
});
