/*
 * "did you mean 'worker'?": the known name closest to a typo, by optimal
 * string alignment distance (edits, where swapping two neighbouring letters
 * is one edit, as in "wroker").
 */

function distance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.length][b.length];
}

/** The candidate a typo most likely meant (at most 2 edits, and fewer than the name's length); undefined when none is close. */
export function nearMiss(name: string, candidates: Iterable<string>): string | undefined {
    let best: { candidate: string; edits: number } | undefined;
    for (const candidate of [...candidates].sort()) {
        const edits = distance(name, candidate);
        if (edits <= 2 && edits < name.length && (best === undefined || edits < best.edits)) {
            best = { candidate, edits };
        }
    }
    return best?.candidate;
}
