/** Medians and spreads of repeated measurements. */

export interface Spread {
    median: number;
    min: number;
    max: number;
    count: number;
}

export function median(values: number[]): number {
    if (values.length === 0) {
        return NaN;
    }
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function spread(values: number[]): Spread {
    return { median: median(values), min: Math.min(...values), max: Math.max(...values), count: values.length };
}
