import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { endpointView } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

export async function getEndpoint(
  ctx: Context,
  input: { tenantId: string; endpointId: string },
): Promise<components['schemas']['WebhookEndpoint']> {
  return endpointView(await ownedEndpoint(ctx, input.tenantId, input.endpointId));
}
