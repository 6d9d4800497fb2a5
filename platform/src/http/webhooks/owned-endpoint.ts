import type { Context } from '../../context.js';
import { findEndpoint } from '../../db/webhooks.js';
import { notFound } from '../../domain/errors.js';
import type { Caller } from '../operation.js';

/** The caller's endpoint with this id; another tenant's reads as missing. */
export async function ownedEndpoint(ctx: Context, caller: Caller, endpointId: string) {
  const endpoint = await findEndpoint(ctx.database.db, caller.tenantId, endpointId);
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}
