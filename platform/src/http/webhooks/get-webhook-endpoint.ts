import type { OperationHandler } from '../operation.js';
import { endpointView } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

export const getWebhookEndpoint: OperationHandler<'getWebhookEndpoint'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const endpoint = await ownedEndpoint(ctx, caller, request.params.endpoint_id);
  return endpointView(endpoint);
};
