/**
 * Fails the Pulumi program with an error found after its synchronous part
 * (a deferred check, a job that failed). Pulumi reports an unhandled
 * rejection as the program's error, printing a RunError's message alone, and
 * fails the update; the engine deletes nothing when a program fails. Thrown
 * inside an Output or a component's outputs instead, the error would reach
 * the user as `error serializing property "outputs": ...`, and only the first
 * of several.
 */
export function failProgram(error: Error): void {
    // Deliberately left unhandled: this is how the Pulumi runtime learns of it.
    void Promise.reject(error);
}
