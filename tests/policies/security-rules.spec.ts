import * as assert from "assert";
import { ingressTlsRequired, noPlaintextSecrets, noPrivilegedContainers } from "../../policies/pack";
import { handWrittenContainer, handWrittenDeployment, unknownString, violations } from "./helpers";

const deployment = "kubernetes:apps/v1:Deployment";
const container = "docker:index/container:Container";
const configMap = "kubernetes:core/v1:ConfigMap";
const ingress = "kubernetes:networking.k8s.io/v1:Ingress";
const secretMarker = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

describe("Policy berth-no-privileged-containers", () => {
    it("reports privileged containers and added capabilities, in every tier", async () => {
        assert.deepStrictEqual(await violations(noPrivilegedContainers, { type: deployment, props: handWrittenDeployment(), stack: "dev" }), [
            'container "legacy" runs privileged: remove securityContext.privileged',
            'container "legacy" adds capabilities NET_ADMIN, SYS_TIME: remove securityContext.capabilities.add',
        ]);
        assert.deepStrictEqual(await violations(noPrivilegedContainers, { type: container, props: handWrittenContainer(), stack: "dev" }), [
            "container runs privileged: remove privileged",
            "container adds capabilities SYS_ADMIN: remove capabilities.adds",
        ]);
    });

    it("still checks a container whose image is not known yet", async () => {
        const props = { ...handWrittenContainer(), image: unknownString };
        assert.strictEqual((await violations(noPrivilegedContainers, { type: container, props })).length, 2);
    });

    it("accepts dropped capabilities", async () => {
        const props = { image: "redis:7", capabilities: { drops: ["ALL"] }, securityOpts: ["no-new-privileges:true"] };
        assert.deepStrictEqual(await violations(noPrivilegedContainers, { type: container, props }), []);
    });
});

describe("Policy berth-no-plaintext-secrets", () => {
    it("reports secret-looking plain env vars by name or value, never repeating the value", async () => {
        const found = await violations(noPlaintextSecrets, { type: deployment, props: handWrittenDeployment() });
        assert.deepStrictEqual(found, [
            'container "legacy": env DB_PASSWORD looks like a secret in a plain env var: take it from a Secret (valueFrom.secretKeyRef)',
            'container "legacy": env DATABASE_URL holds what looks like a URL with a password in a plain env var: take it from a Secret (valueFrom.secretKeyRef)',
        ]);
        assert.ok(!found.join("\n").includes("plaintext"), "no value in a message");
    });

    it("reports a value marked secret in a plain env var when the marker reaches the policy", async () => {
        const props = handWrittenDeployment();
        (props.spec as any).template.spec.containers[0].env = [{ name: "GREETING", value: secretMarker("hello") }];
        assert.deepStrictEqual(await violations(noPlaintextSecrets, { type: deployment, props }), [
            'container "legacy": env GREETING holds a value marked secret in a plain env var: take it from a Secret (valueFrom.secretKeyRef)',
        ]);
    });

    it("reports secrets in a ConfigMap: secret key names, key material, password lines in files, marked values", async () => {
        const props = {
            data: {
                "app.yaml": "db:\n  host: db\n  password: hunter2-plaintext\n",
                "tls.key": "not telling",
                "ca.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                LOG_LEVEL: "info",
                FEATURE: secretMarker("on"),
                PASSWORD_FILE: "/run/secrets/db",
            },
            binaryData: { "id_key.bin": Buffer.from("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n").toString("base64") },
        };
        const found = await violations(noPlaintextSecrets, { type: configMap, props });
        assert.deepStrictEqual(found, [
            "data key app.yaml holds what looks like a password or key assignment in a ConfigMap: move it to a Secret (berth: AppConfig secrets)",
            "data key tls.key looks like a secret in a ConfigMap: move it to a Secret (berth: AppConfig secrets)",
            "data key FEATURE holds a value marked secret in a ConfigMap: move it to a Secret (berth: AppConfig secrets)",
            "binaryData key id_key.bin holds what looks like a private key in a ConfigMap: move it to a Secret (berth: AppConfig secrets)",
        ]);
        assert.ok(!found.join("\n").includes("hunter2"));
    });

    it("accepts placeholders and pointers to secrets", async () => {
        const props = { data: { "app.yaml": "password: ${DB_PASSWORD}\ntoken_file: /run/secrets/token\n", SECRET_NAME: "db-credentials", API_URL: "https://api.example.com" } };
        assert.deepStrictEqual(await violations(noPlaintextSecrets, { type: configMap, props }), []);
    });

    it("reports a secret-looking env var of a Docker container whose env list is not a Pulumi secret", async () => {
        assert.deepStrictEqual(await violations(noPlaintextSecrets, { type: container, props: handWrittenContainer() }), [
            "container: env REDIS_PASSWORD looks like a secret but the env list is not a Pulumi secret: make the value a Pulumi secret",
        ]);
    });

    it("accepts a Docker env list kept secret: marked, or listed in additionalSecretOutputs", async () => {
        const props = handWrittenContainer();
        assert.deepStrictEqual(await violations(noPlaintextSecrets, { type: container, props: { ...props, envs: secretMarker(props.envs) } }), []);
        assert.deepStrictEqual(await violations(noPlaintextSecrets, { type: container, props, opts: { additionalSecretOutputs: ["envs"] } }), []);
    });

    it("reports key material uploaded into a Docker container unless it is a secret", async () => {
        const uploads = [{ file: "/etc/app/tls.key", content: "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n" }, { file: "/etc/app/app.yaml", content: "greeting: hi\n" }];
        assert.deepStrictEqual(await violations(noPlaintextSecrets, { type: container, props: { image: "web:1", uploads } }), [
            "container: uploaded file /etc/app/tls.key holds what looks like a private key but is not a Pulumi secret: make its content a Pulumi secret (berth: an AppConfig file that is a Pulumi secret)",
        ]);
        const kept = [{ file: "/etc/app/tls.key", content: secretMarker("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n") }];
        assert.deepStrictEqual(await violations(noPlaintextSecrets, { type: container, props: { image: "web:1", uploads: kept } }), []);
    });
});

describe("Policy berth-ingress-tls-required", () => {
    const rule = (host: string) => ({ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } });

    it("reports an Ingress serving a host without TLS", async () => {
        assert.deepStrictEqual(await violations(ingressTlsRequired, { type: ingress, props: { spec: { rules: [rule("shop.example.com")] } } }), [
            "serves shop.example.com without TLS: add spec.tls for it (berth: ContainerApp ingress.tlsSecretName)",
        ]);
    });

    it("reports only the hosts the TLS entries leave out", async () => {
        const props = { spec: { rules: [rule("shop.example.com"), rule("admin.example.com")], tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }] } };
        assert.deepStrictEqual(await violations(ingressTlsRequired, { type: ingress, props }), [
            "serves admin.example.com without TLS: add spec.tls for it (berth: ContainerApp ingress.tlsSecretName)",
        ]);
    });

    it("reports a default backend without TLS", async () => {
        const props = { spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } } };
        assert.strictEqual((await violations(ingressTlsRequired, { type: ingress, props })).length, 1);
    });

    it("accepts hosts covered by TLS, and a TLS entry without hosts", async () => {
        assert.deepStrictEqual(await violations(ingressTlsRequired, { type: ingress, props: { spec: { rules: [rule("shop.example.com")], tls: [{ hosts: ["shop.example.com"], secretName: "t" }] } } }), []);
        assert.deepStrictEqual(await violations(ingressTlsRequired, { type: ingress, props: { spec: { rules: [rule("a.example.com"), rule("b.example.com")], tls: [{ secretName: "wildcard" }] } } }), []);
    });
});
