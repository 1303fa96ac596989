/**
 * Host ports published on each Docker host by this program. Two apps cannot
 * bind the same host port, and Docker would only say so halfway through an
 * `up`; this registry lets the second app fail validation at preview instead.
 */
const claims = new Map<string, Map<string, string>>();

/**
 * Claims host ports for an app; returns a problem for each port another app
 * already holds. A TCP and a UDP port of one number are different ports.
 */
export function claimHostPorts(host: string, appName: string, ports: { index: number; publish: number; protocol: "tcp" | "udp" }[]): string[] {
    const held = claims.get(host) ?? new Map<string, string>();
    claims.set(host, held);
    const problems: string[] = [];
    for (const { index, publish, protocol } of ports) {
        const port = `${publish}/${protocol}`;
        const owner = held.get(port);
        if (owner !== undefined && owner !== appName) {
            problems.push(`ports[${index}].publish ${port} is already published by app "${owner}" on this Docker host`);
        } else {
            held.set(port, appName);
        }
    }
    return problems;
}

/** Forgets all claims: each program run (and each test) starts empty. */
export function resetHostPortClaims(): void {
    claims.clear();
}
