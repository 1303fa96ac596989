/**
 * berth/testing: helpers for unit tests of programs that use berth, on
 * Pulumi's mocks. Set the mocks up once, run a program (with a stack's config
 * from its Pulumi.<stack>.yaml), inspect its resource graph, check no secret
 * is in plaintext, and compare the graph against a golden file.
 */
export { setupMocks, RecordingMocks, RecordedResource } from "./mocks";
export { ResourceGraph, Leak, resolveOutput } from "./graph";
export { isSecretMarker } from "../../shared/secret-marker";
export { runProgram, RunOptions, ProgramRun } from "./run-program";
export { expectGolden } from "./golden";
export { expectNoPlaintext } from "./no-plaintext";
export { stackRunOptions, projectStacks } from "./stack-files";
