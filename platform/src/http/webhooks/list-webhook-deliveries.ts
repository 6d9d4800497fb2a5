import { listDeliveries } from '../../db/webhooks.js';
import { listPage } from '../list-page.js';
import type { OperationHandler } from '../operation.js';
import { deliveryView } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

export const listWebhookDeliveries: OperationHandler<'listWebhookDeliveries'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const endpoint = await ownedEndpoint(ctx, caller, request.params.endpoint_id);
  const filter = { status: request.query.status, eventType: request.query.event_type };
  return listPage(
    request.query,
    (after, limit) => listDeliveries(ctx.database.db, endpoint.id, filter, after, limit),
    deliveryView,
  );
};
