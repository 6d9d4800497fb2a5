import { listEndpoints } from '../../app/webhooks/list-endpoints.js';
import type { OperationHandler } from '../operation.js';

export const listWebhookEndpoints: OperationHandler<'listWebhookEndpoints'> = async (
  ctx,
  request,
  _reply,
  caller,
) => listEndpoints(ctx, { tenantId: caller.tenantId, ...request.query });
