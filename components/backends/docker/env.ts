import * as pulumi from "@pulumi/pulumi";
import { EnvSource } from "../app-env";

/**
 * The container's env as Docker takes it, `NAME=value` in name order. One
 * list: a list holding any secret is a secret as a whole, so state never has
 * it in plaintext.
 */
export function envList(env: EnvSource[]): pulumi.Output<string[]> {
    return pulumi.all(env.map((e) => pulumi.output(e.value).apply((value) => `${e.name}=${value}`)));
}
