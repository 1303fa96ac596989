/**
 * Names must be valid on both targets: a Kubernetes object name (DNS-1123
 * label, and DNS-1035 for Services, which also forbids a leading digit) and a
 * Docker container / network name. The strictest common rule is used, so a
 * program that previews on Docker also applies on Kubernetes.
 */
const dnsLabel = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const maxNameLength = 63;

/** Returns the problem with a name, or undefined when it is valid. */
export function nameProblem(name: string, maxLength = maxNameLength): string | undefined {
    if (name.length === 0) {
        return "must not be empty";
    }
    if (name.length > maxLength) {
        return `must be at most ${maxLength} characters (got ${name.length})`;
    }
    if (!dnsLabel.test(name)) {
        return "must be lower-case letters, digits and '-', start with a letter and end with a letter or digit (DNS-1123)";
    }
    return undefined;
}

/** Environment variable names as POSIX shells and Kubernetes accept them. */
export const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Config file names: a single path segment, valid as a ConfigMap key (at most
 * 253 characters, not "." and not starting with "..", which would also climb
 * out of the mount directory on Docker).
 */
export const fileNamePattern = /^(?!\.$)(?!\.\.)[-._a-zA-Z0-9]{1,253}$/;
