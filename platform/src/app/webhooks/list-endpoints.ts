import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listEndpoints as listEndpointRows } from '../../db/webhooks.js';
import { listPage } from '../list-page.js';
import { endpointView } from './endpoint-view.js';

export async function listEndpoints(
  ctx: Context,
  input: { tenantId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['WebhookEndpointList']> {
  return listPage(
    input,
    (after, limit) => listEndpointRows(ctx.database.db, input.tenantId, after, limit),
    endpointView,
  );
}
