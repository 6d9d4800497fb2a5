import type { Context } from '../../context.js';
import { findEndpoint } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';

/** The tenant's endpoint with this id; another tenant's reads as missing. */
export async function ownedEndpoint(ctx: Context, tenantId: string, endpointId: string) {
  const endpoint = await findEndpoint(ctx.database.db, tenantId, endpointId);
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}
