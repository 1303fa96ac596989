/*
 * Heuristics for secrets in places meant for plain configuration. They name
 * what they found ("a private key") and never repeat the value: a policy
 * message ends up in CI logs.
 */

/** Env var and config key names that usually hold a secret. */
const secretName = /(^|[^a-z])(pass(word|wd|phrase)?|pwd|secret|token|api[-_]?key|apikey|private[-_]?key|access[-_]?key|client[-_]?secret|session[-_]?key|signing[-_]?key|encryption[-_]?key|credentials?|dsn)([^a-z]|$)/i;

/** Names that point at a secret rather than hold one (a file path, a Secret's name, an id). */
const pointerSuffix = /[-_.](file|path|dir|name|ref|id|url|endpoint|host|port|user(name)?|enabled|ttl|timeout|length)$/i;

/** File names that hold key material. */
const secretFileName = /(^|\/)(id_(rsa|dsa|ecdsa|ed25519)|\.htpasswd|\.netrc|\.npmrc|\.pgpass|credentials(\.json)?)$|\.(pem|key|p12|pfx|jks|keystore)$/i;

const secretValues: { what: string; pattern: RegExp }[] = [
    { what: "a private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
    { what: "an AWS access key", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
    { what: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
    { what: "a Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
    { what: "a payment API key", pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b/ },
    { what: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
    { what: "a JSON Web Token", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
    { what: "a URL with a password", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i },
    // `password: hunter2` in a config file; placeholders (${VAR}, {{ .x }}, <...>) are not secrets.
    { what: "a password or key assignment", pattern: /^\s*["']?[\w.-]*(?:password|passwd|secret|token|api[-_]?key|private[-_]?key|client[-_]?secret)["']?\s*[:=]\s*["']?(?![$%<{])[^\s"'#]{4,}/im },
];

/** Whether a name (env var, config key) looks like it holds a secret. */
export function isSecretName(name: string): boolean {
    // camelCase keys (dbPassword, apiToken) are split like SNAKE_CASE ones.
    const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2");
    return secretFileName.test(name) || (secretName.test(words) && !pointerSuffix.test(words));
}

/** What kind of secret a value looks like ("a private key"), or undefined when it looks like none. */
export function secretValueKind(value: unknown): string | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    return secretValues.find((candidate) => candidate.pattern.test(value))?.what;
}
