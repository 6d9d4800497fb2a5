import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { withAttempts } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';
import { deliveryView } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';
import { transitionDeliveries } from './transition-deliveries.js';

/** Sends one delivery again now: the same bytes, signed afresh. */
export async function resendDelivery(
  ctx: Context,
  input: { tenantId: string; endpointId: string; deliveryId: string },
): Promise<components['schemas']['WebhookDelivery']> {
  const endpoint = await ownedEndpoint(ctx, input.tenantId, input.endpointId);
  const { db } = ctx.database;
  const [row] = await transitionDeliveries(
    db,
    { endpointId: endpoint.id, deliveryId: input.deliveryId },
    'pending',
  );
  if (!row) throw notFound('Delivery');
  const [delivery] = await withAttempts(db, [row]);
  return deliveryView(delivery ?? { ...row, attemptLog: [] });
}
