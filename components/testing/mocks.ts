import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { dockerTypes } from "../../shared/type-tokens";

/** One resource the program registered, as the engine would have received it. */
export interface RecordedResource {
    type: string;
    name: string;
    /** Inputs as sent to the engine: secrets keep Pulumi's secret marker. */
    inputs: Record<string, unknown>;
    custom: boolean;
}

/**
 * Pulumi mocks that record every registration. Outputs a provider would
 * compute are filled with stable, readable fakes so snapshots never change
 * from run to run.
 */
export class RecordingMocks implements pulumi.runtime.Mocks {
    public resources: RecordedResource[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        this.resources.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom ?? true });
        return { id: `${args.name}-id`, state: { ...args.inputs, ...computedOutputs(args) } };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        return args.inputs;
    }
}

function computedOutputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    const digest = crypto.createHash("sha256").update(String(args.inputs.name)).digest("hex");
    if (args.type === dockerTypes.remoteImage) {
        return { imageId: `sha256:${digest}`, repoDigest: `${args.inputs.name}@sha256:${digest}` };
    }
    if (args.type === dockerTypes.registryImage) {
        // What the registry would report for the pushed manifest.
        return { sha256Digest: `sha256:${digest}` };
    }
    return {};
}

let installed: RecordingMocks | undefined;
let current = { project: "", stack: "" };

export const defaultProject = "berth-test";
export const defaultStack = "test";

/**
 * Installs berth's recording mocks, once per process: `setMocks` is global, so
 * several spec files each installing their own mocks would overwrite one
 * another. Call it from a mocha root hook or at the top of a spec file; later
 * calls return the same mocks (and may switch the project and stack name).
 */
export function setupMocks(options: { project?: string; stack?: string } = {}): RecordingMocks {
    const project = options.project ?? defaultProject;
    const stack = options.stack ?? defaultStack;
    installed = installed ?? new RecordingMocks();
    if (current.project !== project || current.stack !== stack) {
        // Re-installing the same recorder only renames the project and stack.
        void pulumi.runtime.setMocks(installed, project, stack, true);
        current = { project, stack };
    }
    return installed;
}
