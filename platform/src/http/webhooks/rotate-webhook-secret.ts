import { findEndpoint, setEndpoint } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';
import { newWebhookSecret } from '../../domain/webhook-signature.js';
import type { OperationHandler } from '../operation.js';
import { endpointWithSecret } from './endpoint-view.js';

export const rotateWebhookSecret: OperationHandler<'rotateWebhookSecret'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const endpoint = await findEndpoint(ctx.database.db, caller.tenantId, request.params.endpoint_id);
  if (!endpoint) throw notFound('Webhook endpoint');
  const graceSec = request.body?.grace_period_sec ?? 86_400;
  const rotated = await setEndpoint(ctx.database.db, endpoint.id, {
    secret: newWebhookSecret(),
    previousSecret: endpoint.secret,
    previousSecretExpiresAt: new Date(Date.now() + graceSec * 1000),
  });
  return endpointWithSecret(rotated);
};
