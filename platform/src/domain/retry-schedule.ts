/** Exponential backoff with jitter for a failed job: about 2 s, 4 s, 8 s… capped at 5 min. */
export function retryDelaySec(attempt: number, random = Math.random): number {
  const base = Math.min(300, 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5) * 10) / 10;
}
