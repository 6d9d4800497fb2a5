import { listEndpoints } from '../../app/webhooks/list-endpoints.js';
import type { OperationHandler } from '../operation.js';

export const listWebhookEndpoints: OperationHandler<'listWebhookEndpoints'> = async (
  ctx,
  request,
  caller,
) =>
  listEndpoints(ctx, {
    tenantId: caller.tenantId,
    cursor: request.query.cursor,
    limit: request.query.limit,
  });
