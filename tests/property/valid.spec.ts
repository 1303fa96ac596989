import * as assert from "assert";
import fc from "fast-check";
import { reordered, system } from "./arbitraries";
import { canonical, check, componentCount, deployProblems, expectProduced, propertySuite, runSystem, targetOf } from "./harness";

propertySuite("valid specs", (target, count) => {
    it("a valid spec always registers its components and their documented children, outputs resolve, and nothing a real deploy would refuse", async () => {
        await check(
            fc.asyncProperty(system({ targets: [target], inlineScaling: true }), async (spec) => {
                count.add(`${target} valid`, componentCount(spec));
                const run = await runSystem(spec);
                await expectProduced(spec, run);
                assert.deepStrictEqual(deployProblems(run.graph), [], "a real deploy would refuse these");
            }),
            400,
        );
    });

    it("the same spec with its keys in another order produces identical child inputs", async () => {
        await check(
            fc.asyncProperty(system({ targets: [target], inlineScaling: true }), fc.array(fc.nat(), { minLength: 1, maxLength: 16 }), async (spec, order) => {
                count.add(`${target} key order`, componentCount(spec));
                const shuffled = reordered(spec, order);
                assert.strictEqual(targetOf(shuffled), target);
                const first = await runSystem(spec);
                const second = await runSystem(shuffled);
                assert.deepStrictEqual(second.graph.snapshot(), first.graph.snapshot());
                assert.strictEqual(canonical(second.graph), canonical(first.graph));
            }),
            150,
        );
    });
});
