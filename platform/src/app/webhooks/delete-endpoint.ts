import type { Context } from '../../context.js';
import { setEndpoint } from '../../db/webhooks.js';
import { ownedEndpoint } from './owned-endpoint.js';

/** Soft delete: the endpoint stops receiving and reads as missing; its deliveries stay. */
export async function deleteEndpoint(
  ctx: Context,
  input: { tenantId: string; endpointId: string },
): Promise<void> {
  const endpoint = await ownedEndpoint(ctx, input.tenantId, input.endpointId);
  await setEndpoint(ctx.database.db, endpoint.id, { deletedAt: new Date() });
}
