import { describe, expect, it } from 'vitest';
import { canMoveDelivery, deliveryStatusesInto } from '../../src/domain/webhook-delivery-state.js';
import { attemptOutcome } from '../../src/domain/webhook-schedule.js';
import { signingSecrets } from '../../src/domain/webhook-signature.js';

const SCHEDULE = [5, 300];
const answer = (statusCode: number | null, retryAfter?: string) => ({ statusCode, retryAfter });

describe('webhook delivery states', () => {
  it('settles a pending delivery either way, and resend or replay reopens any', () => {
    expect(canMoveDelivery('pending', 'succeeded')).toBe(true);
    expect(canMoveDelivery('pending', 'failed')).toBe(true);
    expect(canMoveDelivery('succeeded', 'failed')).toBe(false);
    expect(canMoveDelivery('failed', 'succeeded')).toBe(false);
    expect(deliveryStatusesInto('pending')).toEqual(['pending', 'succeeded', 'failed']);
    expect(deliveryStatusesInto('succeeded')).toEqual(['pending']);
  });
});

describe('what an attempt answer means', () => {
  it('succeeds on any 2xx and gives up on 410 at once', () => {
    expect(attemptOutcome(answer(204), SCHEDULE, 1)).toEqual({ kind: 'succeeded' });
    expect(attemptOutcome(answer(410), SCHEDULE, 1)).toEqual({ kind: 'gone' });
  });

  it('retries on the schedule, a redirect or no answer included, until it is spent', () => {
    const retry = attemptOutcome(answer(null), SCHEDULE, 2);
    expect(retry.kind).toBe('retry');
    if (retry.kind === 'retry') expect(retry.delaySec).toBeGreaterThanOrEqual(240);
    expect(attemptOutcome(answer(302), SCHEDULE, 1).kind).toBe('retry');
    expect(attemptOutcome(answer(500), SCHEDULE, 3)).toEqual({ kind: 'exhausted' });
  });

  it('honours a longer Retry-After on 429 and 503 only', () => {
    expect(attemptOutcome(answer(429, '3600'), SCHEDULE, 1)).toEqual({
      kind: 'retry',
      delaySec: 3600,
    });
    const ignored = attemptOutcome(answer(500, '3600'), SCHEDULE, 1);
    if (ignored.kind !== 'retry') throw new Error(`expected a retry, got ${ignored.kind}`);
    expect(ignored.delaySec).toBeLessThan(10);
  });
});

describe('signing secrets', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  it('signs with the previous secret too until its grace period ends', () => {
    const rotated = { secret: 'new', previousSecret: 'old' };
    expect(
      signingSecrets({ ...rotated, previousSecretExpiresAt: new Date('2025-01-02') }, now),
    ).toEqual(['new', 'old']);
    expect(
      signingSecrets({ ...rotated, previousSecretExpiresAt: new Date('2024-12-31') }, now),
    ).toEqual(['new']);
    expect(
      signingSecrets({ secret: 'only', previousSecret: null, previousSecretExpiresAt: null }, now),
    ).toEqual(['only']);
  });
});
