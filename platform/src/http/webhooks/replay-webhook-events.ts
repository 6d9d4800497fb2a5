import { rescheduleDeliveries } from '../../db/webhooks.js';
import type { OperationHandler } from '../operation.js';
import { ownedEndpoint } from './owned-endpoint.js';

export const replayWebhookEvents: OperationHandler<'replayWebhookEvents'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const endpoint = await ownedEndpoint(ctx, caller, request.params.endpoint_id);
  const rows = await rescheduleDeliveries(ctx.database.db, endpoint.id, {
    since: new Date(request.body.since),
  });
  return reply.status(202).send({ scheduled: rows.length });
};
