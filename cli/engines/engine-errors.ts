/*
 * The one error berth status and logs give when the engine a stack deploys to
 * cannot be reached or asked: it names the engine, so the message says where
 * to look (exit status 2).
 */

export class EngineUnreachableError extends Error {
    constructor(
        /** "the Docker engine at unix:///var/run/docker.sock", "the Kubernetes API server https://... (context c)". */
        readonly engine: string,
        reason: string,
    ) {
        super(`cannot reach ${engine}: ${reason}`);
    }
}
