import { getEndpoint } from '../../app/webhooks/get-endpoint.js';
import type { OperationHandler } from '../operation.js';

export const getWebhookEndpoint: OperationHandler<'getWebhookEndpoint'> = async (
  ctx,
  request,
  _reply,
  caller,
) => getEndpoint(ctx, { tenantId: caller.tenantId, endpointId: request.params.endpoint_id });
