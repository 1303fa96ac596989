import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { judge, readAllowList, unjudged } from "./verdict";

const failure = (check_id: string, resource: string) => ({ check_id, resource, check_name: "a check", file_path: "/shop-prod.yaml" });

describe("The judges' verdict (tests/judges/verdict.ts)", () => {
    it("lets a failure through only when an allow-list entry names its check (and its resource, when the entry gives one)", () => {
        const failed = [failure("CKV_K8S_1", "Deployment.shop.api"), failure("CKV_K8S_2", "Deployment.shop.web"), failure("CKV_K8S_2", "Deployment.shop.api")];
        const { unexplained } = judge(failed, [
            { check: "CKV_K8S_1", why: "every resource" },
            { check: "CKV_K8S_2", resource: "Deployment.shop.web", why: "web only" },
        ]);
        assert.deepStrictEqual(unexplained, [failure("CKV_K8S_2", "Deployment.shop.api")]);
    });

    it("reports an entry that matches no failure as stale, so the list shrinks when a finding is fixed", () => {
        const { unexplained, stale } = judge([], [{ check: "CKV_K8S_1", why: "gone" }]);
        assert.deepStrictEqual(unexplained, []);
        assert.deepStrictEqual(stale, [{ check: "CKV_K8S_1", why: "gone" }]);
    });

    it("names a rendered stack on which checkov ran no check, so an unread manifest never passes as clean", () => {
        assert.deepStrictEqual(unjudged(["shop-prod.yaml", "multi-env-prod.yaml"], ["/shop-prod.yaml", "/shop-prod.yaml"]), ["multi-env-prod.yaml"]);
        assert.deepStrictEqual(unjudged(["shop-prod.yaml"], ["/shop-prod.yaml"]), []);
    });

    it("refuses an allow-list entry without a reason", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-judges-"));
        try {
            const file = path.join(dir, "allow-list.yaml");
            fs.writeFileSync(file, "- check: CKV_K8S_1\n  why: ''\n");
            assert.throws(() => readAllowList(file), /entry 0 needs a check id and a why/);
            fs.writeFileSync(file, "[]\n");
            assert.deepStrictEqual(readAllowList(file), []);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the repository's allow-list parses, each entry with its reason", () => {
        const entries = readAllowList(path.join(__dirname, "..", "..", "..", "tests", "judges", "allow-list.yaml"));
        assert.ok(entries.every((e) => /^CKV2?_K8S_\d+$/.test(e.check)));
    });
});
