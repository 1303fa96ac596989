import { argDefaults } from "./args/defaults";

/**
 * Something an app or a job waits for before it starts: an app of the same
 * network started or healthy, or a job of the same network completed. Name
 * exactly one of `app` and `job`. Apps and jobs declared later may be named;
 * a cycle is an error.
 */
export interface DependencyArgs {
    /**
     * Name of an app on the same network.
     * @default none (set app or job)
     */
    app?: string;
    /**
     * Name of a job on the same network.
     * @default none (set app or job)
     */
    job?: string;
    /**
     * For an app: "started" (its containers run) or "healthy" (its health check passes; the app needs one).
     * For a job: "completed" (it exited 0).
     * @default {@link argDefaults.dependency.appCondition} for an app, {@link argDefaults.dependency.jobCondition} for a job
     */
    condition?: string;
}
