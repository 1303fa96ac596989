/*
 * One place that maps CPU and memory quantities. Values are written back in
 * the canonical form the Kubernetes API server stores, so a read-back never
 * differs from what was sent (no perpetual diff): "0.5" -> "500m",
 * "1000m" -> "1", "1024Mi" -> "1Gi".
 */

const cpuPattern = /^([0-9]+)(?:\.([0-9]+))?(m?)$/;
const memoryPattern = /^([0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

const binaryUnits: Array<[string, bigint]> = [
    ["Ei", 1n << 60n], ["Pi", 1n << 50n], ["Ti", 1n << 40n], ["Gi", 1n << 30n], ["Mi", 1n << 20n], ["Ki", 1n << 10n],
];
const decimalUnits: Array<[string, bigint]> = [
    ["E", 10n ** 18n], ["P", 10n ** 15n], ["T", 10n ** 12n], ["G", 10n ** 9n], ["M", 10n ** 6n], ["k", 10n ** 3n],
];

/** Millicores of a CPU quantity, or undefined when it is not one. */
export function cpuMillicores(quantity: string): number | undefined {
    const match = cpuPattern.exec(quantity);
    if (!match) {
        return undefined;
    }
    // Counted in decimal digits, not floating point: 0.29 * 1000 is 290.00000000000006.
    const [, whole, fraction = "", milli] = match;
    const significant = fraction.replace(/0+$/, "");
    if (significant.length > (milli ? 0 : 3)) {
        return undefined; // finer than a millicore
    }
    const millis = milli ? Number(whole) : Number(whole) * 1000 + Number(significant.padEnd(3, "0"));
    // Beyond 2^53 millicores a number is no longer exact and prints in exponent form ("1e+23m").
    return Number.isSafeInteger(millis) && millis > 0 ? millis : undefined;
}

/** Canonical CPU quantity: whole cores as "2", anything else as "250m". */
export function normaliseCpu(quantity: string): string {
    const millis = cpuMillicores(quantity);
    if (millis === undefined) {
        throw new Error(`not a CPU quantity: ${quantity}`);
    }
    return millis % 1000 === 0 ? `${millis / 1000}` : `${millis}m`;
}

/** Bytes of a memory quantity, or undefined when it is not one. */
export function memoryBytes(quantity: string): bigint | undefined {
    const match = memoryPattern.exec(quantity);
    if (!match) {
        return undefined;
    }
    const unit = match[2] ?? "";
    const factor = [...binaryUnits, ...decimalUnits].find(([suffix]) => suffix === unit)?.[1] ?? 1n;
    const bytes = BigInt(match[1]) * factor;
    return bytes > 0n ? bytes : undefined;
}

/** Canonical memory quantity: the largest unit of the same family that divides it exactly. */
export function normaliseMemory(quantity: string): string {
    const bytes = memoryBytes(quantity);
    if (bytes === undefined) {
        throw new Error(`not a memory quantity: ${quantity}`);
    }
    const binary = /i$/.test(quantity);
    for (const [suffix, factor] of binary ? binaryUnits : decimalUnits) {
        if (bytes % factor === 0n) {
            return `${bytes / factor}${suffix}`;
        }
    }
    return `${bytes}`;
}

/** Docker takes memory limits in whole MiB; rounds up so a limit is never tighter than asked. */
export function memoryMebibytes(quantity: string): number {
    const bytes = memoryBytes(quantity);
    if (bytes === undefined) {
        throw new Error(`not a memory quantity: ${quantity}`);
    }
    const mib = 1n << 20n;
    return Number((bytes + mib - 1n) / mib);
}

/** Docker's --cpus value: cores as a decimal string ("0.25"). */
export function cpuCores(quantity: string): string {
    const millis = cpuMillicores(quantity);
    if (millis === undefined) {
        throw new Error(`not a CPU quantity: ${quantity}`);
    }
    return `${millis / 1000}`;
}
