import * as assert from "assert";
import { renderReport } from "../../cli/review/report/markdown";
import { readPreview } from "../../cli/review/read/preview";
import { reviewStack } from "../../cli/review/stack-review";
import { fixtureText, previewOf, previewStep } from "./helpers";

/** Every string value in a preview's states, with where it was. */
function stateValues(document: unknown): { path: string; value: string }[] {
    const found: { path: string; value: string }[] = [];
    const walk = (value: unknown, path: string) => {
        if (typeof value === "string") {
            found.push({ path, value });
        } else if (Array.isArray(value)) {
            value.forEach((item, index) => walk(item, `${path}[${index}]`));
        } else if (typeof value === "object" && value !== null) {
            Object.entries(value).forEach(([key, item]) => walk(item, `${path}.${key}`));
        }
    };
    for (const [index, step] of ((document as { steps: Record<string, unknown>[] }).steps ?? []).entries()) {
        walk((step.oldState as Record<string, unknown> | undefined)?.inputs, `steps[${index}].oldState.inputs`);
        walk((step.newState as Record<string, unknown> | undefined)?.inputs, `steps[${index}].newState.inputs`);
        walk((step.oldState as Record<string, unknown> | undefined)?.outputs, `steps[${index}].oldState.outputs`);
        walk((step.newState as Record<string, unknown> | undefined)?.outputs, `steps[${index}].newState.outputs`);
    }
    return found;
}

/** Values the report may show: image references, ingress hosts, Service types (allow-listed fields), and kinds as words. */
const shownOnPurpose = [/^registry\.example\.com\/shop\/(web|migrate):1\.[45]\.\d$/, /^berth-test\/web:2$/, /^shop\.example\.com$/, /^(LoadBalancer|ClusterIP)$/];

describe("berth review: values stay out of the report", () => {
    for (const fixture of ["prod-kubernetes.json", "dev-docker.json", "staging-unknown-types.json", "engine-kubernetes-update.json"]) {
        it(`prints no state value of ${fixture} beyond image references and hosts`, () => {
            const text = fixtureText(fixture);
            const report = renderReport([reviewStack("x", readPreview(text, fixture))]);
            // Short values (names, "true", "TCP") also appear as names and words; the long ones carry the content.
            const document = JSON.parse(text);
            // Resource names (which Kubernetes objects repeat as metadata.name) are the report's subject.
            const names = new Set(JSON.stringify(document).match(/(?<=::)[^":$]+(?=")/g) ?? []);
            const leaked = stateValues(document)
                .filter(({ path, value }) => !path.endsWith(".kind") && !names.has(value))
                .filter(({ value }) => value.length >= 10 && !shownOnPurpose.some((allowed) => allowed.test(value)))
                .filter(({ value }) => report.includes(value));
            assert.deepStrictEqual(leaked, []);
        });
    }

    it("never prints the config hash, which is derived from secrets", () => {
        const report = renderReport([reviewStack("prod", readPreview(fixtureText("prod-kubernetes.json"), "x"))]);
        assert.ok(!/[0-9a-f]{40,}/.test(report));
    });

    it("never prints an unmarked plaintext secret, even in a field it would otherwise read", () => {
        // A credential where an image reference belongs, and one in a plain env value: neither is printed.
        const preview = previewOf(
            previewStep("update", "berth:index:ContainerApp$kubernetes:apps/v1:Deployment", "api", {
                old: { spec: { template: { spec: { containers: [{ image: "registry/api:1", env: [{ name: "DB_PASSWORD", value: "old-hunter2-plaintext" }] }] } } } },
                new: { spec: { template: { spec: { containers: [{ image: "user:hunter2-plaintext token", env: [{ name: "DB_PASSWORD", value: "new-hunter2-plaintext" }] }] } } } },
                detailedDiff: { "spec.template.spec.containers[0].image": { kind: "update" }, "spec.template.spec.containers[0].env[0].value": { kind: "update" } },
            }),
        );
        const report = renderReport([reviewStack("t", readPreview(preview, "x"))]);
        assert.ok(!report.includes("hunter2"), report);
        assert.ok(report.includes("image changed"));
        assert.ok(report.includes("`spec.template.spec.containers[0].env[0].value`"), "the field is named");
    });

    it("never prints [secret] markers or values of a provider's secret settings", () => {
        const report = renderReport([reviewStack("s", readPreview(fixtureText("staging-unknown-types.json"), "x"))]);
        assert.ok(!report.includes("[secret]"));
        assert.ok(!report.includes("alias/orders-key-material"));
    });
});
