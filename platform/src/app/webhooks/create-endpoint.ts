import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { insertEndpoint } from '../../db/webhooks.js';
import { newWebhookSecret } from '../../domain/webhook-signature.js';
import { checkQuotas } from '../usage/check-quota.js';
import { checkEndpointUrl } from './endpoint-url.js';
import { endpointWithSecret } from './endpoint-view.js';

export async function createEndpoint(
  ctx: Context,
  input: {
    tenantId: string;
    url: string;
    eventTypes?: components['schemas']['WebhookEventType'][];
    description?: string;
  },
): Promise<components['schemas']['WebhookEndpointWithSecret']> {
  await checkQuotas(ctx.database.db, input.tenantId, { webhook_endpoints: 1 });
  await checkEndpointUrl(input.url, ctx.config.webhooks.allowLoopback);
  const row = await insertEndpoint(ctx.database.db, {
    tenantId: input.tenantId,
    url: input.url,
    eventTypes: input.eventTypes ?? [],
    description: input.description ?? '',
    secret: newWebhookSecret(),
  });
  return endpointWithSecret(row);
}
