import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { setEndpoint } from '../../db/webhooks.js';
import { newWebhookSecret } from '../../domain/webhook-signature.js';
import { endpointWithSecret } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

/** A day by default: receivers accept either secret while they switch. */
const DEFAULT_GRACE_SEC = 86_400;

export async function rotateSecret(
  ctx: Context,
  input: { tenantId: string; endpointId: string; gracePeriodSec?: number },
): Promise<components['schemas']['WebhookEndpointWithSecret']> {
  const endpoint = await ownedEndpoint(ctx, input.tenantId, input.endpointId);
  const graceSec = input.gracePeriodSec ?? DEFAULT_GRACE_SEC;
  const rotated = await setEndpoint(ctx.database.db, endpoint.id, {
    secret: newWebhookSecret(),
    previousSecret: endpoint.secret,
    previousSecretExpiresAt: new Date(Date.now() + graceSec * 1000),
  });
  return endpointWithSecret(rotated);
}
