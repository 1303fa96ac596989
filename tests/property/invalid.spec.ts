import * as assert from "assert";
import fc from "fast-check";
import {
    appArgs,
    Args,
    configArgs,
    crossFieldFaults,
    distinctFaults,
    Fault,
    fieldFaults,
    jobArgs,
    lateFaults,
    mutated,
    networkArgs,
    policyArgs,
    Target,
    validName,
    withFaults,
} from "./arbitraries";
import { beyondBaseline, check, ComponentType, construct, expectFaultsReported, fixtureBaseline, fixtureNames, fixtureWorkloads, problemsOf, propertySuite, runCases } from "./harness";

/*
 * Invalid cases run many to a program (a program run costs far more than a
 * failed constructor): each run declares the fixture, then every case; each
 * case must throw, and the program must register exactly what the fixture
 * alone registers. fast-check shrinks a failing batch to the one case at fault.
 */

interface Case {
    component: ComponentType;
    name: string;
    args: unknown;
    faults: Fault[];
}

// At most 56 characters: a longer name is itself a problem for an app that publishes a port (a fault of its own).
const caseName = validName.filter((name) => ![...fixtureNames, "pub-public", "free-env"].includes(name) && name.length <= 56);

/** Valid args of each component, against the fixture (see harness.fixture). */
function base(component: ComponentType, target: Target): fc.Arbitrary<Args> {
    switch (component) {
        case "AppNetwork":
            return networkArgs(target);
        case "AppConfig":
            return configArgs(target);
        case "ContainerApp":
            return appArgs({ target, configs: ["config:0"], options: { secrets: "some" } }).map((args) => {
                // The fixture's app "pub" holds host port 8080; a Docker host port needs one replica.
                if (target === "docker") {
                    for (const p of (args.ports ?? []) as Args[]) {
                        if (p.publish === 8080 || ((args.replicas as number | undefined) ?? 1) > 1) delete p.publish;
                    }
                }
                // allowFrom names apps and jobs of the fixture's network.
                const named = [...fixtureWorkloads.apps, ...fixtureWorkloads.jobs];
                if (Array.isArray(args.allowFrom)) args.allowFrom = (args.allowFrom as string[]).map((entry) => named[entry.length % named.length]);
                return args;
            });
        case "ContainerJob":
            return jobArgs({ target, configs: ["config:0"], options: { secrets: "some" } });
        case "AutoscalingPolicy":
            return policyArgs(target, "app:free", { cpu: true, memory: true });
    }
}

/** Field faults (up to three at once), cross-field faults (up to two) or one fault found against the program. */
function faults(component: ComponentType, target: Target): fc.Arbitrary<Fault[]> {
    if (component === "AppNetwork") {
        return distinctFaults(fieldFaults(component), 3);
    }
    return fc.oneof(
        { weight: 3, arbitrary: distinctFaults(fieldFaults(component), 3) },
        { weight: 2, arbitrary: distinctFaults(crossFieldFaults(component), 2) },
        { weight: 1, arbitrary: lateFaults(component, target).map((f) => [f]) },
    );
}

function invalidCase(target: Target): fc.Arbitrary<Case> {
    return fc
        .constantFrom<ComponentType>("AppNetwork", "AppConfig", "ContainerApp", "ContainerApp", "ContainerJob", "AutoscalingPolicy")
        .chain((component) =>
            fc.record({ name: caseName, args: base(component, target), faults: faults(component, target) }).map(({ name, args, faults: chosen }) => {
                const broken = withFaults({ name, args }, chosen);
                return { component, name: broken.name, args: broken.args, faults: chosen };
            }),
        );
}

function junkCase(target: Target): fc.Arbitrary<Case> {
    return fc
        .constantFrom<ComponentType>("AppNetwork", "AppConfig", "ContainerApp", "ContainerApp", "ContainerJob", "AutoscalingPolicy")
        .chain((component) => fc.record({ name: caseName, args: mutated(base(component, target)) }).map(({ name, args }) => ({ component, name, args, faults: [] })));
}

propertySuite("invalid specs", (target, count) => {
    it("an invalid spec always fails with one error naming the component and the path of every problem, and registers nothing", async () => {
        const baseline = await fixtureBaseline(target);
        await check(
            fc.asyncProperty(fc.array(invalidCase(target), { minLength: 1, maxLength: 60, size: "max" }), async (cases) => {
                count.add(`${target} invalid`, cases.length);
                const { outcomes, graph, deferred } = await runCases(target, cases, (c, refs) => construct(c.component, c.name, c.args, refs));
                assert.deepStrictEqual(deferred.map((e) => e.message), [], "no problem is left for the checks of the whole program");
                outcomes.forEach((outcome, index) => {
                    const c = cases[index];
                    assert.ok(outcome.threw, `${c.component} "${c.name}" was accepted, but ${c.faults.map((f) => f.expect).join(", ")} is wrong`);
                    expectFaultsReported(outcome.error, c.component, c.name, c.faults);
                });
                assert.deepStrictEqual(beyondBaseline(graph, baseline), [], "invalid cases registered resources");
            }),
            80,
        );
    });

    it("no args ever crash a component (TypeError and kin): it is built, or fails with berth's error naming it", async () => {
        await check(
            fc.asyncProperty(fc.array(junkCase(target), { minLength: 1, maxLength: 60, size: "max" }), async (cases) => {
                count.add(`${target} junk`, cases.length);
                // Names are made unique: a junk case that happens to be valid is built and registers.
                const named = cases.map((c, index) => ({ ...c, name: `${c.name.slice(0, 56)}-${index}` }));
                const { outcomes, deferred } = await runCases(target, named, (c, refs) => construct(c.component, c.name, c.args, refs));
                outcomes.forEach((outcome, index) => {
                    if (outcome.threw) problemsOf(outcome.error, named[index].component, named[index].name);
                });
                // What only the checks of the whole program find (names in allowFrom and dependsOn) is berth's error naming the component, too.
                for (const error of deferred) {
                    const c = named.find((n) => n.name === error.componentName && n.component === error.componentType);
                    assert.ok(c, `the checks of the whole program named ${error.componentType} "${error.componentName}", which is no case: ${error.message}`);
                    problemsOf(error, c.component, c.name);
                }
            }),
            50,
        );
    });
});
