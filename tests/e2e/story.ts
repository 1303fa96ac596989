/**
 * The its of a describe are steps of one story (deploy, change, check,
 * destroy): after a failed step the later ones are skipped, since each builds
 * on the one before. Not mocha's bail, which aborts the whole run and so every
 * other story. Call it inside the describe.
 */
export function stopAtFirstFailure(): void {
    let failed = false;
    beforeEach(function () {
        if (failed) {
            this.skip();
        }
    });
    afterEach(function () {
        failed ||= this.currentTest?.state === "failed";
    });
}
