import { findEndpoint, rescheduleDeliveries } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const replayWebhookEvents: OperationHandler<'replayWebhookEvents'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const endpoint = await findEndpoint(ctx.database.db, caller.tenantId, request.params.endpoint_id);
  if (!endpoint) throw notFound('Webhook endpoint');
  const rows = await rescheduleDeliveries(ctx.database.db, endpoint.id, {
    since: new Date(request.body.since),
  });
  return reply.status(202).send({ scheduled: rows.length });
};
