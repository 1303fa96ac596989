import * as assert from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main as berth } from "../../cli/berth";
import { nodeIo } from "../../cli/io";
import { buildTestImages, containersOf, docker, encryptedState, ensureDockerPlugin, execIn, httpGet, inspect, LocalDocker } from "./docker-engine";
import { disposeAndSweep, expectNoChanges, expectNothingOf, expectRunningAndHealthy, idsOf } from "./docker-suite";
import { changes, leakedSecrets } from "./kubernetes-preview";
import { E2EStack } from "./stack";
import { stopAtFirstFailure } from "./story";
import { repoRoot, useBuiltTools } from "./tools";

/**
 * Apps built from source on the local dockerd, for real: tests/e2e/projects/build
 * builds examples/build's web and api from a copy of their sources that this
 * suite edits (the api's RELEASE build arg a secret). It proves the rule that
 * an image is rebuilt when, and only when, what goes into it changes: a
 * no-change preview after up, none after touching files or editing one that
 * .dockerignore excludes, and an edited source file rebuilding and replacing
 * just the app built from it; the job built from source runs on the first up
 * and again only when its source changes. A failing build fails `up` naming the app with
 * the last lines of its output, and changes nothing else.
 */
describe("berth builds images from source on Docker, through the real engine and a local dockerd", function () {
    stopAtFirstFailure();
    const network = "e2e-build";
    const projectDir = path.join(repoRoot, "tests", "e2e", "projects", "build");
    const release = `rel-${randomBytes(8).toString("hex")}`;
    const containers = ["e2e-build-api-0", "e2e-build-web-0"];
    const seedJob = "e2e-build-seed-job";
    let engine: LocalDocker | undefined;
    let sourceDir = "";
    let stack: E2EStack | undefined;
    let ours = false;

    const source = (file: string) => path.join(sourceDir, file);
    const imagesOf = (app: string) => docker("images", "--format", "{{.Repository}}:{{.Tag}}", `${network}/${app}`).split("\n").filter((line) => line.length > 0);

    before(async function () {
        useBuiltTools();
        ensureDockerPlugin();
        engine = LocalDocker.ensure();
        buildTestImages();
        expectNothingOf(network);
        assert.deepStrictEqual([...imagesOf("api"), ...imagesOf("web"), ...imagesOf("seed")], [], "images of an earlier run are left: docker rmi them");
        ours = true;
        sourceDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-build-src-"));
        for (const app of ["api", "web", "seed"]) {
            fs.cpSync(path.join(repoRoot, "examples", "build", app), source(app), { recursive: true });
        }
        stack = await E2EStack.create(projectDir, "dev", { "berth-e2e-build:sourceDir": { value: sourceDir }, "berth-e2e-build:release": { value: release, secret: true } }, "e2e-build");
    });

    after(async function () {
        try {
            if (ours) {
                await disposeAndSweep(stack, network);
            }
        } finally {
            fs.rmSync(sourceDir, { recursive: true, force: true });
            fs.rmSync(path.join(projectDir, ".berth"), { recursive: true, force: true });
            engine?.stopIfStartedHere();
        }
    });

    it("up builds both images on the engine and runs them by id, healthy; web serves its source and reaches the api", async () => {
        const result = await stack!.stack.up({ color: "never" });
        assert.strictEqual(result.outputs.url.value, "http://127.0.0.1:18482");
        assert.deepStrictEqual(containersOf(network), [...containers, seedJob].sort());
        expectRunningAndHealthy(containers);
        for (const app of ["api", "web", "seed"]) {
            const images = imagesOf(app);
            assert.strictEqual(images.length, 1, `${app}: ${images.join(", ")}`);
            assert.match(images[0], new RegExp(`^${network}/${app}:[0-9a-f]{16}$`));
            const container = app === "seed" ? seedJob : `${network}-${app}-0`;
            assert.strictEqual(inspect(container, "{{.Image}}"), docker("image", "inspect", "--format", "{{.Id}}", images[0]));
        }
        const { status, body } = await httpGet("http://127.0.0.1:18482/");
        assert.strictEqual(status, 200, body);
        assert.match(body, /Hello from web, built from examples\/build\/web\./);
        assert.strictEqual(execIn("e2e-build-web-0", 'timeout 5 wget -q -O - "$API_URL/"').trim(), `api release ${release}`);
    });

    it("up ran the job built from source to completion: it printed the rows built into its image", () => {
        assert.strictEqual(inspect(seedJob, "{{.State.Status}} {{.State.ExitCode}}"), "exited 0");
        assert.strictEqual(docker("logs", seedJob).trim(), "seed row 1\nseed row 2\nfor release dev");
    });

    it("leaves no build log behind after good builds", () => {
        assert.ok(!fs.existsSync(path.join(projectDir, ".berth")), "the project directory holds .berth/ after good builds");
    });

    it("keeps the secret build arg out of state and previews", async () => {
        assert.deepStrictEqual(leakedSecrets(encryptedState(stack!), [release]), []);
        assert.deepStrictEqual(leakedSecrets(JSON.stringify(await stack!.previewJson()), [release]), []);
    });

    it("a second preview reports no changes", async () => {
        expectNoChanges(await stack!.previewJson());
    });

    it("nor after every file is touched and a file .dockerignore excludes is edited: what is sent to the engine is the same", async () => {
        const later = new Date(Date.now() + 60_000);
        for (const file of fs.readdirSync(sourceDir, { recursive: true }) as string[]) {
            fs.utimesSync(source(file), later, later);
        }
        fs.appendFileSync(source("web/NOTES.md"), "An edit that no image sees.\n");
        expectNoChanges(await stack!.previewJson());
    });

    it("an edited source file of web rebuilds and replaces web alone; the preview and berth review say why", async () => {
        const before = idsOf(containers);
        fs.writeFileSync(source("web/www/index.html"), "<p>Edited by the e2e suite.</p>\n");
        const preview = await stack!.previewJson();
        assert.deepStrictEqual(changes(preview), {
            "docker:index/remoteImage:RemoteImage::web-image": "replace",
            "docker:index/container:Container::web-0": "replace",
        });
        const webImage = (preview.steps ?? []).find((step) => step.urn.endsWith("::web-image"))!;
        assert.ok(webImage.replaceReasons?.includes("triggers"), `replace reasons: ${webImage.replaceReasons?.join(", ")}`);
        assert.match(await reviewOf(preview), /`web-image`[^\n]*rebuilt: its source changed \(the build context\)/);

        await stack!.stack.up({ color: "never" });
        const after = idsOf(containers);
        assert.strictEqual(after["e2e-build-api-0"], before["e2e-build-api-0"], "api's container stays");
        assert.notStrictEqual(after["e2e-build-web-0"], before["e2e-build-web-0"], "web's container is replaced");
        expectRunningAndHealthy(containers);
        assert.match((await httpGet("http://127.0.0.1:18482/")).body, /Edited by the e2e suite\./);
        assert.strictEqual(imagesOf("web").length, 1, "the image web ran before is removed, the new one kept");
        expectNoChanges(await stack!.previewJson());
    });

    it("an edited source file of the job rebuilds it and runs it again, alone; the preview and berth review say why", async () => {
        const before = idsOf([...containers, seedJob]);
        fs.appendFileSync(source("seed/rows.txt"), "seed row 3\n");
        const preview = await stack!.previewJson();
        assert.deepStrictEqual(changes(preview), {
            "docker:index/remoteImage:RemoteImage::seed-image": "replace",
            "docker:index/container:Container::seed": "replace",
        });
        const review = await reviewOf(preview);
        assert.match(review, /`seed-image`[^\n]*rebuilt: its source changed \(the build context\)/);
        assert.match(review, /`seed`[^\n]*\*\*runs again\*\*: the image changed/);

        await stack!.stack.up({ color: "never" });
        const after = idsOf([...containers, seedJob]);
        for (const app of containers) {
            assert.strictEqual(after[app], before[app], `${app}'s container stays`);
        }
        assert.notStrictEqual(after[seedJob], before[seedJob], "the job's container is replaced: it ran again");
        assert.strictEqual(inspect(seedJob, "{{.State.Status}} {{.State.ExitCode}}"), "exited 0");
        assert.strictEqual(docker("logs", seedJob).trim(), "seed row 1\nseed row 2\nseed row 3\nfor release dev");
        assert.strictEqual(imagesOf("seed").length, 1, "the image the job ran before is removed");
        expectNoChanges(await stack!.previewJson());
    });

    it("a failing build fails up naming the app, with the last lines of the build's output (the secret arg masked); nothing else changes", async () => {
        const before = idsOf(containers);
        const dockerfile = fs.readFileSync(source("api/Dockerfile"), "utf8");
        fs.appendFileSync(source("api/Dockerfile"), 'ARG RELEASE\nRUN echo "checking release $RELEASE"; echo "e2e: the check failed"; exit 7\n');
        let message = "";
        await assert.rejects(stack!.stack.up({ color: "never" }), (error: Error) => {
            message = error.message;
            return true;
        });
        assert.match(message, /ContainerApp "api": building its image failed; the last lines of the build output \(all of it in \.berth\/build-logs\/e2e-build-e2e-build-api\.log\)/);
        assert.match(message, /e2e: the check failed/);
        assert.match(message, /checking release \[secret\]/);
        assert.ok(!message.includes(release), "the secret build arg is masked in the app's error");
        assert.ok(fs.existsSync(path.join(projectDir, ".berth", "build-logs", "e2e-build-e2e-build-api.log")), "the full output stays for the user to read");
        assert.deepStrictEqual(idsOf(containers), before);
        expectRunningAndHealthy(containers);
        assert.strictEqual(imagesOf("api").length, 1);

        fs.writeFileSync(source("api/Dockerfile"), dockerfile);
        expectNoChanges(await stack!.previewJson());
    });

    it("destroy removes the containers, the network and the images built for them", async () => {
        await stack!.stack.destroy({ color: "never" });
        assert.deepStrictEqual(containersOf(network), []);
        assert.deepStrictEqual([...imagesOf("api"), ...imagesOf("web"), ...imagesOf("seed")], []);
    });
});

/** What `berth review` writes for a preview. */
async function reviewOf(preview: unknown): Promise<string> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-review-")), "preview.json");
    fs.writeFileSync(file, JSON.stringify(preview));
    let report = "";
    const status = await berth(["review", `e2e-build=${file}`], { ...nodeIo, stdout: (text) => (report += text) });
    assert.strictEqual(status, 0, report);
    return report;
}
