import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { setEndpoint } from '../../db/webhooks.js';
import { checkEndpointUrl } from './endpoint-url.js';
import { endpointView } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

export async function updateEndpoint(
  ctx: Context,
  input: {
    tenantId: string;
    endpointId: string;
    change: components['schemas']['UpdateWebhookEndpointRequest'];
  },
): Promise<components['schemas']['WebhookEndpoint']> {
  const endpoint = await ownedEndpoint(ctx, input.tenantId, input.endpointId);
  const { url, event_types, description, enabled } = input.change;
  if (url !== undefined) await checkEndpointUrl(url, ctx.config.webhooks.allowLoopback);
  const updated = await setEndpoint(ctx.database.db, endpoint.id, {
    ...(url !== undefined && { url }),
    ...(event_types !== undefined && { eventTypes: event_types }),
    ...(description !== undefined && { description }),
    ...(enabled === true && { disabledAt: null, disabledReason: null }),
    ...(enabled === false && { disabledAt: new Date(), disabledReason: 'Disabled by the tenant' }),
  });
  return endpointView(updated);
}
