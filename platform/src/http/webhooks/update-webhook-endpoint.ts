import { updateEndpoint } from '../../app/webhooks/update-endpoint.js';
import type { OperationHandler } from '../operation.js';

export const updateWebhookEndpoint: OperationHandler<'updateWebhookEndpoint'> = async (
  ctx,
  request,
  caller,
) =>
  updateEndpoint(ctx, {
    tenantId: caller.tenantId,
    endpointId: request.params.endpoint_id,
    change: request.body,
  });
