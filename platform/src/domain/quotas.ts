import type { components } from '../contract/openapi.gen.js';
import { ReelError } from './errors.js';

export type QuotaName = keyof components['schemas']['Quotas'];
export type QuotaLimits = Partial<Record<QuotaName, number>>;
export type QuotaUsage = Record<QuotaName, number>;

export const QUOTA_NAMES: readonly QuotaName[] = [
  'storage_bytes',
  'videos',
  'encoded_minutes_per_day',
  'upload_bytes',
  'webhook_endpoints',
  'concurrent_transcodes',
];

/** Stored limits after a change: a number sets one, null removes it, a missing key keeps it. */
export function changedLimits(
  stored: QuotaLimits,
  change: Partial<Record<QuotaName, number | null>>,
): QuotaLimits {
  const next: QuotaLimits = { ...stored };
  for (const name of QUOTA_NAMES) {
    const value = change[name];
    if (value === null) delete next[name];
    else if (value !== undefined) next[name] = value;
  }
  return next;
}

/**
 * Throws 403 `quota_exceeded` when adding `requested` to what is `used` goes past the limit.
 * `upload_bytes` caps one upload, so only the request counts against it; the day's encoded
 * minutes are known only after a transcode, so a day already at its limit takes no more.
 */
export function assertWithinQuota(
  limits: QuotaLimits,
  name: QuotaName,
  used: number,
  requested: number,
) {
  const limit = limits[name];
  if (limit === undefined) return;
  const after =
    name === 'upload_bytes'
      ? requested
      : name === 'encoded_minutes_per_day'
        ? used + (used >= limit ? 1 : 0)
        : used + requested;
  if (after > limit)
    throw new ReelError(403, 'quota_exceeded', `This goes past the tenant's ${name} quota`, {
      quota: name,
      limit,
      used,
      requested,
    });
}
