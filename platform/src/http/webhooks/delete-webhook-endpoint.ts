import { setEndpoint } from '../../db/webhooks.js';
import type { OperationHandler } from '../operation.js';
import { ownedEndpoint } from './owned-endpoint.js';

export const deleteWebhookEndpoint: OperationHandler<'deleteWebhookEndpoint'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const endpoint = await ownedEndpoint(ctx, caller, request.params.endpoint_id);
  await setEndpoint(ctx.database.db, endpoint.id, { deletedAt: new Date() });
  return reply.status(204).send();
};
