/** The middle value (mean of the two middle ones for an even count); noise-resistant. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Rounds for reporting: 3 significant decimals are far finer than the noise. */
export const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Runs `baseline` then `subject` back to back, `rounds` times (A B A B …), so both see the same
 * machine load; returns each round's pair. A shared machine drifts, so pairs, not runs, are compared.
 */
export async function interleave<A, B>(
  rounds: number,
  baseline: (round: number) => Promise<A>,
  subject: (round: number) => Promise<B>,
): Promise<{ baseline: A; subject: B }[]> {
  const pairs: { baseline: A; subject: B }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const a = await baseline(round);
    const b = await subject(round);
    pairs.push({ baseline: a, subject: b });
  }
  return pairs;
}

/** The median of the per-round ratios subject/baseline. */
export function medianRatio<T>(
  pairs: readonly { baseline: T; subject: T }[],
  value: (run: T) => number,
): number {
  return median(pairs.map((p) => value(p.subject) / value(p.baseline)));
}
