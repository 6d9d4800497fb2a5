import { listDeliveries } from '../../app/webhooks/list-deliveries.js';
import type { OperationHandler } from '../operation.js';

export const listWebhookDeliveries: OperationHandler<'listWebhookDeliveries'> = async (
  ctx,
  request,
  caller,
) => {
  const { status, event_type, cursor, limit } = request.query;
  return listDeliveries(ctx, {
    tenantId: caller.tenantId,
    endpointId: request.params.endpoint_id,
    status,
    eventType: event_type,
    cursor,
    limit,
  });
};
