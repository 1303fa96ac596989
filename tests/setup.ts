import { setupMocks } from "../components/testing";

/** Mocha root hook: Pulumi's mocks are global to the process, so they are installed once, here. */
export const mochaHooks = {
    beforeAll(): void {
        setupMocks();
    },
};
