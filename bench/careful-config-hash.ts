import * as crypto from "crypto";
import { promisify } from "util";
import * as pulumi from "@pulumi/pulumi";

const scrypt = promisify<crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions, Buffer>(crypto.scrypt);

/**
 * The pod-template hash a careful user writes by hand to roll pods when a
 * config changes: SHA-256 over the plain contents, and the secret through
 * scrypt (with berth's parameters, asynchronous as berth's is) so that the
 * annotation, which is in plain sight, costs as much to brute-force as
 * berth's. The result is not a secret, or every preview would hide why the
 * pods roll.
 */
export function carefulConfigHash(salt: string, plain: Record<string, string>, secret: pulumi.Output<string>): pulumi.Output<string> {
    const hash = secret.apply(async (value) => {
        const digest = crypto.createHash("sha256");
        for (const key of Object.keys(plain).sort()) {
            digest.update(key).update("\0").update(plain[key]).update("\0");
        }
        const secretDigest = await scrypt(value, salt, 32, { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
        return digest.update(secretDigest).digest("hex");
    });
    return pulumi.unsecret(hash);
}
