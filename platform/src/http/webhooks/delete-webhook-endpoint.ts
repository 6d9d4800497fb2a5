import { findEndpoint, setEndpoint } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';

export const deleteWebhookEndpoint: OperationHandler<'deleteWebhookEndpoint'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const endpoint = await findEndpoint(ctx.database.db, caller.tenantId, request.params.endpoint_id);
  if (!endpoint) throw notFound('Webhook endpoint');
  await setEndpoint(ctx.database.db, endpoint.id, { deletedAt: new Date() });
  return reply.status(204).send();
};
