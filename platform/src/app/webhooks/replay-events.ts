import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { ownedEndpoint } from './owned-endpoint.js';
import { transitionDeliveries } from './transition-deliveries.js';

/** Sends every delivery of the endpoint made since `since` again now; answers how many. */
export async function replayEvents(
  ctx: Context,
  input: { tenantId: string; endpointId: string; since: Date },
): Promise<components['schemas']['ReplayResult']> {
  const endpoint = await ownedEndpoint(ctx, input.tenantId, input.endpointId);
  const rows = await transitionDeliveries(
    ctx.database.db,
    { endpointId: endpoint.id, since: input.since },
    'pending',
  );
  return { scheduled: rows.length };
}
