import { setEndpoint } from '../../db/webhooks.js';
import { newWebhookSecret } from '../../domain/webhook-signature.js';
import type { OperationHandler } from '../operation.js';
import { endpointWithSecret } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

export const rotateWebhookSecret: OperationHandler<'rotateWebhookSecret'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const endpoint = await ownedEndpoint(ctx, caller, request.params.endpoint_id);
  const graceSec = request.body?.grace_period_sec ?? 86_400;
  const rotated = await setEndpoint(ctx.database.db, endpoint.id, {
    secret: newWebhookSecret(),
    previousSecret: endpoint.secret,
    previousSecretExpiresAt: new Date(Date.now() + graceSec * 1000),
  });
  return endpointWithSecret(rotated);
};
