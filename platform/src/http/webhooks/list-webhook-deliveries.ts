import { findEndpoint, listDeliveries } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';
import { listPage } from '../list-page.js';
import type { OperationHandler } from '../operation.js';
import { deliveryView } from './endpoint-view.js';

export const listWebhookDeliveries: OperationHandler<'listWebhookDeliveries'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const endpoint = await findEndpoint(ctx.database.db, caller.tenantId, request.params.endpoint_id);
  if (!endpoint) throw notFound('Webhook endpoint');
  const filter = { status: request.query.status, eventType: request.query.event_type };
  return listPage(
    request.query,
    (after, limit) => listDeliveries(ctx.database.db, endpoint.id, filter, after, limit),
    deliveryView,
  );
};
