import * as assert from "assert";
import { dockerSecurity } from "../../../components/backends/docker/security";
import { app } from "../models";

describe("Docker builder: security settings", () => {
    it("is secure by default: user 65532, read-only root, no capabilities, no new privileges", () => {
        assert.deepStrictEqual(dockerSecurity(app().security, true), { user: "65532:65532", readOnly: true, capabilities: { drops: ["ALL"] }, securityOpts: ["no-new-privileges:true"] });
    });

    it("takes the root's writability from the caller (Docker copies config files in through it)", () => {
        assert.strictEqual(dockerSecurity(app().security, false).readOnly, false);
    });

    it("opts out field by field", () => {
        const security = app({ security: { runAsNonRoot: false, dropAllCapabilities: false, allowPrivilegeEscalation: true } }).security;
        assert.deepStrictEqual(dockerSecurity(security, false), { user: undefined, readOnly: false, capabilities: undefined, securityOpts: undefined });
    });
});
