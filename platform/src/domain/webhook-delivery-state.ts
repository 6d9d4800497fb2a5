import type { components } from '../contract/openapi.gen.js';

export type DeliveryStatus = components['schemas']['WebhookDeliveryStatus'];

/**
 * Where a delivery may go from each status. A pending one is tried until it succeeds or fails
 * for good; resend and replay put any delivery back to pending, a pending one included (it goes
 * out now instead of at its next retry).
 */
const NEXT: Record<DeliveryStatus, readonly DeliveryStatus[]> = {
  pending: ['pending', 'succeeded', 'failed'],
  succeeded: ['pending'],
  failed: ['pending'],
};

export const canMoveDelivery = (from: DeliveryStatus, to: DeliveryStatus): boolean =>
  NEXT[from].includes(to);

/** The statuses a delivery may move to `to` from: a write guards on them. */
export const deliveryStatusesInto = (to: DeliveryStatus): DeliveryStatus[] =>
  (Object.keys(NEXT) as DeliveryStatus[]).filter((from) => canMoveDelivery(from, to));

/** Whether `status` ends the delivery's tries (until a resend or replay). */
export const settled = (status: DeliveryStatus): boolean => status !== 'pending';
