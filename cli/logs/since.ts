/*
 * `--since`: a duration back from now (`90s`, `10m`, `1h30m`, `2d`) or a
 * point in time (RFC 3339, e.g. `2026-01-02T03:04:05Z`), as docker logs and
 * kubectl logs take it.
 */

export type Since = { seconds: number } | { time: Date };

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses --since; throws an Error saying what it takes. */
export function parseSince(value: string): Since {
    const duration = /^(?:\d+(?:\.\d+)?[smhd])+$/.test(value);
    if (duration) {
        let seconds = 0;
        for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)) {
            seconds += Number(amount) * units[unit];
        }
        return { seconds: Math.max(1, Math.round(seconds)) };
    }
    const time = new Date(value);
    if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(time.getTime())) {
        return { time };
    }
    throw new Error(`--since takes a duration (90s, 10m, 1h30m, 2d) or a time (2026-01-02T03:04:05Z), not "${value}"`);
}

/** The point in time --since means, seen from `now`. */
export function sinceTime(since: Since, now: Date): Date {
    return "time" in since ? since.time : new Date(now.getTime() - since.seconds * 1000);
}
