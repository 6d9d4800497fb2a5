import { rescheduleDeliveries, withAttempts } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';
import { deliveryView } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

export const resendWebhookDelivery: OperationHandler<'resendWebhookDelivery'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const endpoint = await ownedEndpoint(ctx, caller, request.params.endpoint_id);
  const [row] = await rescheduleDeliveries(ctx.database.db, endpoint.id, {
    deliveryId: request.params.delivery_id,
  });
  if (!row) throw notFound('Delivery');
  const [delivery] = await withAttempts(ctx.database.db, [row]);
  return reply.status(202).send(deliveryView(delivery ?? { ...row, attemptLog: [] }));
};
