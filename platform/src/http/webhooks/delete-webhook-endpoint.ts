import { deleteEndpoint } from '../../app/webhooks/delete-endpoint.js';
import type { OperationHandler } from '../operation.js';

export const deleteWebhookEndpoint: OperationHandler<'deleteWebhookEndpoint'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  await deleteEndpoint(ctx, { tenantId: caller.tenantId, endpointId: request.params.endpoint_id });
  return reply.status(204).send();
};
