import { getEndpoint } from '../../app/webhooks/get-endpoint.js';
import type { OperationHandler } from '../operation.js';

export const getWebhookEndpoint: OperationHandler<'getWebhookEndpoint'> = async (
  ctx,
  request,
  caller,
) => getEndpoint(ctx, { tenantId: caller.tenantId, endpointId: request.params.endpoint_id });
