import { findEndpoint } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';
import { endpointView } from './endpoint-view.js';

export const getWebhookEndpoint: OperationHandler<'getWebhookEndpoint'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const endpoint = await findEndpoint(ctx.database.db, caller.tenantId, request.params.endpoint_id);
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpointView(endpoint);
};
