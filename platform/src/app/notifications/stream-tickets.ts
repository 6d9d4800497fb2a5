import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import type { ViewerKey } from '../../db/viewer-notifications.js';
import { invalidTicket, readStreamTicket, signStreamTicket } from '../../domain/stream-tickets.js';

const TICKET_TTL_SEC = 60;

export function createStreamTicket(
  ctx: Context,
  key: ViewerKey,
): components['schemas']['StreamTicket'] {
  const expires = Math.floor(Date.now() / 1000) + TICKET_TTL_SEC;
  const ticket = signStreamTicket(ctx.config.urlSigningSecret, {
    ...key,
    nonce: randomUUID(),
    expires,
  });
  return { ticket, expires_at: new Date(expires * 1000).toISOString() };
}

/**
 * The viewer a ticket names, once: the second use is refused, and so is any use while the
 * shared cache that remembers used tickets is unreachable.
 */
export async function redeemStreamTicket(ctx: Context, ticket: string): Promise<ViewerKey> {
  const grant = readStreamTicket(ctx.config.urlSigningSecret, ticket);
  const first = await ctx.cache.claimOnce(`stream-ticket:${grant.nonce}`, TICKET_TTL_SEC + 5);
  if (first !== true) throw invalidTicket();
  return { tenantId: grant.tenantId, viewerId: grant.viewerId };
}
