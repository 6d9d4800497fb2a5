import type { Context } from '../../context.js';
import { claimDueDeliveries } from '../../db/webhooks.js';
import { sendDelivery } from './send-delivery.js';

/**
 * Claims up to `limit` due deliveries under a lease and sends them; a sender killed mid-send
 * loses nothing, the lease lapses and they go again. A delivery that fails to send is reported
 * and left to its lease. Answers how many it claimed.
 */
export async function sendDueDeliveries(
  ctx: Context,
  limit: number,
  onError: (error: unknown) => void,
): Promise<number> {
  const leaseSec = Math.ceil(ctx.config.webhooks.timeoutMs / 1000) + 5;
  const claimed = await claimDueDeliveries(ctx.database.db, limit, leaseSec);
  await Promise.all(claimed.map((c) => sendDelivery(ctx, c).catch(onError)));
  return claimed.length;
}
