import * as assert from "assert";
import { securityContext } from "../../../components/backends/kubernetes/security-context";
import { app } from "../models";

describe("Kubernetes builder: security context", () => {
    it("is secure by default: non-root 65532, read-only root, no capabilities, no privilege escalation, RuntimeDefault seccomp", () => {
        assert.deepStrictEqual(securityContext(app().security), {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
    });

    it("leaves the user and group to the image when the app may run as root, and keeps capabilities when asked", () => {
        const context = securityContext(app({ security: { runAsNonRoot: false, dropAllCapabilities: false, allowPrivilegeEscalation: true } }).security);
        assert.strictEqual(context.runAsUser, undefined);
        assert.strictEqual(context.runAsGroup, undefined);
        assert.strictEqual(context.capabilities, undefined);
        assert.strictEqual(context.allowPrivilegeEscalation, true);
    });
});
