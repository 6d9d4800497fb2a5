import type { Context } from '../../context.js';
import type { Queryable } from '../../db/connection.js';
import {
  type claimDueDeliveries,
  type DeliveryRow,
  type EndpointRow,
  recordAttempt,
  setEndpoint,
  settleDelivery,
  succeededSince,
} from '../../db/webhooks.js';
import { attemptOutcome } from '../../domain/webhook-schedule.js';
import { signingSecrets, signWebhook } from '../../domain/webhook-signature.js';
import { postWebhook, type WebhookResponse } from './post-webhook.js';
import { transitionDeliveries } from './transition-deliveries.js';

type Claimed = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

/** POSTs one claimed delivery, then records the attempt and its outcome in one transaction. */
export const sendDelivery = (ctx: Context, claimed: Claimed): Promise<void> =>
  ctx.tracing.inSpan(`webhook ${claimed.delivery.eventType}`, () => send(ctx, claimed), {
    kind: 'client',
    parent: claimed.delivery.traceContext,
    attributes: {
      'reel.event_id': claimed.delivery.eventId,
      'reel.webhook_endpoint_id': claimed.endpoint.id,
      'reel.attempt': claimed.delivery.attempts,
    },
  });

async function send(ctx: Context, { delivery, endpoint }: Claimed): Promise<void> {
  const { db } = ctx.database;
  const settings = ctx.config.webhooks;
  if (endpoint.deletedAt || endpoint.disabledAt) {
    await transitionDeliveries(db, { endpointId: endpoint.id, deliveryId: delivery.id }, 'failed');
    return;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = signWebhook(
    signingSecrets(endpoint),
    delivery.eventId,
    timestamp,
    delivery.body,
  );
  const response = await postWebhook(
    endpoint.url,
    delivery.body,
    {
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
    settings,
  );
  const outcome = await db.transaction((tx) =>
    settleAttempt(tx, ctx, delivery, endpoint, response),
  );
  ctx.metrics.observeWebhookAttempt(outcome, response.latencyMs / 1000);
}

async function settleAttempt(
  tx: Queryable,
  ctx: Context,
  delivery: DeliveryRow,
  endpoint: EndpointRow,
  response: WebhookResponse,
) {
  await recordAttempt(tx, {
    deliveryId: delivery.id,
    statusCode: response.statusCode,
    latencyMs: response.latencyMs,
    responseExcerpt: response.excerpt,
    error: response.error,
  });
  const which = { endpointId: endpoint.id, deliveryId: delivery.id };
  const outcome = attemptOutcome(response, ctx.config.webhooks.retrySchedule, delivery.attempts);
  switch (outcome.kind) {
    case 'succeeded':
      await transitionDeliveries(tx, which, 'succeeded');
      break;
    case 'retry':
      await settleDelivery(tx, delivery.id, {
        nextAttemptAt: new Date(Date.now() + outcome.delaySec * 1000),
      });
      break;
    case 'gone':
      await setEndpoint(tx, endpoint.id, {
        disabledAt: new Date(),
        disabledReason: 'The endpoint answered 410 Gone',
      });
      await transitionDeliveries(tx, which, 'failed');
      break;
    case 'exhausted':
      await transitionDeliveries(tx, which, 'failed');
      // Failing every attempt for the whole schedule (about three days) disables the endpoint.
      if (!(await succeededSince(tx, endpoint.id, delivery.createdAt))) {
        await setEndpoint(tx, endpoint.id, {
          disabledAt: new Date(),
          disabledReason: `Every attempt failed since ${delivery.createdAt.toISOString()} (last: ${response.error ?? `HTTP ${response.statusCode}`})`,
        });
      }
      break;
  }
  return outcome.kind;
}
