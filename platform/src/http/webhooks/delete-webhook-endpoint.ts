import { deleteEndpoint } from '../../app/webhooks/delete-endpoint.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const deleteWebhookEndpoint: OperationHandler<'deleteWebhookEndpoint'> = async (
  ctx,
  request,
  caller,
) => {
  await deleteEndpoint(ctx, { tenantId: caller.tenantId, endpointId: request.params.endpoint_id });
  return answer(204);
};
