import * as crypto from "crypto";
import { promisify } from "util";
import * as pulumi from "@pulumi/pulumi";
import { ConfigContents } from "./config";
import { InputMap } from "./maps";

/**
 * The one place that hashes configuration. A hash changes when any file,
 * value or secret changes, so apps roll; it must not reveal a secret, and it
 * ends up in plain sight (a pod-template annotation). Secrets therefore go
 * through scrypt, a deliberately slow key-derivation function, salted with the
 * config's name: the digest cannot be reversed, and guessing a secret from it
 * costs a memory-hard scrypt run per guess instead of one SHA-256.
 *
 * scrypt costs about 50 ms of CPU per digest, so it runs asynchronously, on
 * libuv's thread pool: the program keeps registering resources meanwhile, and
 * several configs hash in parallel on a machine with more than one core.
 */

const scryptParams = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const scrypt = promisify<crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions, Buffer>(crypto.scrypt);

function stableJson(map: Record<string, string>): string {
    return JSON.stringify(Object.keys(map).sort().map((key) => [key, map[key]]));
}

/** Digest of secret values; cheap for the common case of no secrets. */
export async function secretDigest(salt: string, secrets: Record<string, string>): Promise<string> {
    if (Object.keys(secrets).length === 0) {
        return "";
    }
    return (await scrypt(stableJson(secrets), `berth-config-hash:${salt}`, 32, scryptParams)).toString("hex");
}

/** SHA-256 over the parts, hex. */
export function combineDigests(parts: string[]): string {
    const hash = crypto.createHash("sha256");
    for (const part of parts) {
        hash.update(part).update("\0");
    }
    return hash.digest("hex");
}

/**
 * Content hash of a config. The result is deliberately not a Pulumi secret:
 * it is derived from secrets but reveals nothing of them (see above), and a
 * secret annotation would hide the rollout reason from every preview.
 */
export function configHash(name: string, contents: Promise<ConfigContents>): pulumi.Output<string> {
    const hash = pulumi
        .output(contents)
        .apply((parts) => pulumi.output(parts))
        .apply(async (c) =>
            combineDigests([
                stableJson(c.plainFiles),
                stableJson(c.plainValues),
                await secretDigest(name, { ...prefixKeys("file:", c.secretFiles), ...prefixKeys("value:", c.secretValues) }),
            ]),
        );
    return pulumi.unsecret(hash);
}

function prefixKeys(prefix: string, map: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(map).map(([key, value]) => [prefix + key, value]));
}

/** Hash of everything that should roll an app: its configs' hashes and its secret env. */
export function rolloutHash(appName: string, configHashes: pulumi.Input<string>[], secretEnv: InputMap): pulumi.Output<string> {
    const hash = pulumi
        .all([pulumi.all(configHashes), pulumi.output(secretEnv)])
        .apply(async ([hashes, env]) => combineDigests([...hashes, await secretDigest(`${appName}-env`, env)]));
    return pulumi.unsecret(hash);
}
