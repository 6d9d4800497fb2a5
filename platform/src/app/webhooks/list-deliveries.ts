import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listDeliveries as listDeliveryRows } from '../../db/webhooks.js';
import { listPage } from '../list-page.js';
import { deliveryView } from './endpoint-view.js';
import { ownedEndpoint } from './owned-endpoint.js';

type Schemas = components['schemas'];

export async function listDeliveries(
  ctx: Context,
  input: {
    tenantId: string;
    endpointId: string;
    status?: Schemas['WebhookDeliveryStatus'];
    eventType?: Schemas['WebhookEventType'];
    cursor?: string;
    limit?: number;
  },
): Promise<Schemas['WebhookDeliveryList']> {
  const endpoint = await ownedEndpoint(ctx, input.tenantId, input.endpointId);
  const filter = { status: input.status, eventType: input.eventType };
  return listPage(
    input,
    (after, limit) => listDeliveryRows(ctx.database.db, endpoint.id, filter, after, limit),
    deliveryView,
  );
}
