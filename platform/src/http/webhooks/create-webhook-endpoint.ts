import { webhookEndpoints } from '../../db/schema.js';
import { newWebhookSecret } from '../../domain/webhook-signature.js';
import type { OperationHandler } from '../operation.js';
import { checkEndpointUrl } from './endpoint-url.js';
import { endpointWithSecret } from './endpoint-view.js';

export const createWebhookEndpoint: OperationHandler<'createWebhookEndpoint'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  await checkEndpointUrl(request.body.url, ctx.config.webhooks.allowLoopback);
  const [row] = await ctx.database.db
    .insert(webhookEndpoints)
    .values({
      tenantId: caller.tenantId,
      url: request.body.url,
      eventTypes: request.body.event_types ?? [],
      description: request.body.description ?? '',
      secret: newWebhookSecret(),
    })
    .returning();
  if (!row) throw new Error('endpoint insert returned nothing');
  return reply.status(201).send(endpointWithSecret(row));
};
