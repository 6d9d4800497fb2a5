const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** About three days, like Standard Webhooks' reference schedule. */
export const DEFAULT_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h,14h,14h';

/** Parses `5s,5m,2h` into seconds; a bad entry is a configuration error at startup. */
export function parseSchedule(text: string): number[] {
  return text.split(',').map((entry) => {
    const match = /^\s*(\d+(?:\.\d+)?)(ms|s|m|h|d)\s*$/.exec(entry);
    if (!match)
      throw new Error(
        `REEL_WEBHOOK_RETRY_SCHEDULE: "${entry}" is not a duration like 5s, 5m or 2h`,
      );
    return Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1);
  });
}

/**
 * Seconds until the next attempt after `attempts` failed ones, or undefined when the schedule is
 * spent. Jitter (±20%) spreads retries of many deliveries; `Retry-After` wins when longer.
 */
export function nextDelaySec(
  schedule: readonly number[],
  attempts: number,
  retryAfterSec?: number,
  random = Math.random,
): number | undefined {
  const base = schedule[attempts - 1];
  if (base === undefined) return undefined;
  const jittered = base * (0.8 + random() * 0.4);
  return Math.max(jittered, retryAfterSec ?? 0);
}

/** `Retry-After` as seconds (a number or an HTTP date). */
export function retryAfterSec(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** What one attempt's answer means for its delivery. */
export type AttemptOutcome =
  | { kind: 'succeeded' }
  /** 410 Gone: the receiver asks for no more; the endpoint is disabled. */
  | { kind: 'gone' }
  | { kind: 'retry'; delaySec: number }
  /** The schedule is spent: the delivery fails. */
  | { kind: 'exhausted' };

/**
 * Judges an attempt's HTTP status (null when no answer came). 429 and 503 may ask, through
 * `Retry-After`, for a longer wait than the schedule's.
 */
export function attemptOutcome(
  answer: { statusCode: number | null; retryAfter: string | undefined },
  schedule: readonly number[],
  attempts: number,
): AttemptOutcome {
  const { statusCode } = answer;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { kind: 'succeeded' };
  if (statusCode === 410) return { kind: 'gone' };
  const honoured =
    statusCode === 429 || statusCode === 503 ? retryAfterSec(answer.retryAfter) : undefined;
  const delaySec = nextDelaySec(schedule, attempts, honoured);
  return delaySec === undefined ? { kind: 'exhausted' } : { kind: 'retry', delaySec };
}
