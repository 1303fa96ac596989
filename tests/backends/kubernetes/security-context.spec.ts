import * as assert from "assert";
import { podSecurityContext, securityContext } from "../../../components/backends/kubernetes/security-context";
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

    it("sets the same user, group and seccomp profile on the pod, and gives the app's group the pod's volumes (fsGroup, re-owned only on a mismatch)", () => {
        assert.deepStrictEqual(podSecurityContext(app({ security: { runAsUser: 10001, runAsGroup: 10002 } }).security), {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10002,
            fsGroup: 10002,
            fsGroupChangePolicy: "OnRootMismatch",
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.strictEqual(podSecurityContext(app({ security: { fsGroup: 2000 } }).security)?.fsGroup, 2000);
    });

    it("leaves user, group and fsGroup to the image for an app that may run as root, unless it names an fsGroup", () => {
        assert.deepStrictEqual(podSecurityContext(app({ security: { runAsNonRoot: false } }).security), {
            runAsNonRoot: false,
            runAsUser: undefined,
            runAsGroup: undefined,
            fsGroup: undefined,
            fsGroupChangePolicy: undefined,
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.strictEqual(podSecurityContext(app({ security: { runAsNonRoot: false, fsGroup: 0 } }).security)?.fsGroupChangePolicy, "OnRootMismatch");
    });

    it("sets nothing on the pod when the app opts out (an injected sidecar chooses its own user), and keeps the container's settings", () => {
        const security = app({ security: { podSecurityContext: false } }).security;
        assert.strictEqual(podSecurityContext(security), undefined);
        assert.strictEqual(securityContext(security).runAsUser, 65532);
    });
});
