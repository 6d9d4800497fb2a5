import type { Context } from '../context.js';
import {
  claimDueDeliveries,
  recordAttempt,
  setEndpoint,
  settleDelivery,
  succeededSince,
} from '../db/webhooks.js';
import { nextDelaySec, retryAfterSec } from '../domain/webhook-schedule.js';
import { signWebhook } from '../domain/webhook-signature.js';
import { startBatchLoop } from './batch-loop.js';
import { postWebhook } from './webhook-http.js';

const BATCH = 10;
const POLL_MS = 250;

type Claimed = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

async function deliver(ctx: Context, { delivery, endpoint }: Claimed) {
  const { db } = ctx.database;
  const settings = ctx.config.webhooks;
  if (endpoint.deletedAt || endpoint.disabledAt) {
    await settleDelivery(db, delivery.id, { status: 'failed', nextAttemptAt: null });
    return;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const secrets = [endpoint.secret];
  if (
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > new Date()
  ) {
    secrets.push(endpoint.previousSecret);
  }
  const response = await postWebhook(
    endpoint.url,
    delivery.body,
    {
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secrets, delivery.eventId, timestamp, delivery.body),
    },
    settings,
  );
  await recordAttempt(db, {
    deliveryId: delivery.id,
    statusCode: response.statusCode,
    latencyMs: response.latencyMs,
    responseExcerpt: response.excerpt,
    error: response.error,
  });
  const ok =
    response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;
  if (ok) {
    await settleDelivery(db, delivery.id, { status: 'succeeded', nextAttemptAt: null });
    return;
  }
  if (response.statusCode === 410) {
    await setEndpoint(db, endpoint.id, {
      disabledAt: new Date(),
      disabledReason: 'The endpoint answered 410 Gone',
    });
    await settleDelivery(db, delivery.id, { status: 'failed', nextAttemptAt: null });
    return;
  }
  const honoured =
    response.statusCode === 429 || response.statusCode === 503
      ? retryAfterSec(response.retryAfter)
      : undefined;
  const delay = nextDelaySec(settings.retrySchedule, delivery.attempts, honoured);
  if (delay === undefined) {
    await settleDelivery(db, delivery.id, { status: 'failed', nextAttemptAt: null });
    // Failing every attempt for the whole schedule (about three days) disables the endpoint.
    if (!(await succeededSince(db, endpoint.id, delivery.createdAt))) {
      await setEndpoint(db, endpoint.id, {
        disabledAt: new Date(),
        disabledReason: `Every attempt failed since ${delivery.createdAt.toISOString()} (last: ${response.error ?? `HTTP ${response.statusCode}`})`,
      });
    }
    return;
  }
  await settleDelivery(db, delivery.id, { nextAttemptAt: new Date(Date.now() + delay * 1000) });
}

/** Sends due deliveries: claimed under a lease, so a sender killed mid-send loses nothing. */
export function startWebhookSender(ctx: Context, onError: (error: unknown) => void) {
  const leaseSec = Math.ceil(ctx.config.webhooks.timeoutMs / 1000) + 5;
  return startBatchLoop({
    runBatch: async () => {
      const claimed = await claimDueDeliveries(ctx.database.db, BATCH, leaseSec);
      await Promise.all(claimed.map((c) => deliver(ctx, c).catch(onError)));
      return claimed.length;
    },
    batchSize: BATCH,
    idleMs: POLL_MS,
    onError,
  });
}
