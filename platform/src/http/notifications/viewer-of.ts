import { type Reader, readerOf } from '../../app/auth/reader.js';
import { redeemStreamTicket } from '../../app/notifications/stream-tickets.js';
import type { Context } from '../../context.js';
import { unauthorized } from '../../domain/errors.js';
import type { Caller } from '../operation.js';

/** The viewer a viewer token names, as the notification use cases take it. */
export function viewerOf(caller: Caller) {
  if (!caller.viewer) throw unauthorized();
  return { tenantId: caller.tenantId, viewerId: caller.viewer.id };
}

/** The viewer opening an event stream: its token's, or the one its single-use ticket names. */
export async function streamingViewer(ctx: Context, caller: Caller, ticket: string | undefined) {
  if (caller.viewer) return viewerOf(caller);
  if (ticket) return redeemStreamTicket(ctx, ticket);
  throw unauthorized();
}

/**
 * Who reads an event stream open to anyone as well: the caller its credential names, else the
 * viewer a ticket names, else anyone.
 */
export async function streamingReader(
  ctx: Context,
  caller: Caller,
  ticket: string | undefined,
): Promise<Reader> {
  if (caller.tenantId || !ticket) return readerOf(caller);
  return { kind: 'viewer', ...(await redeemStreamTicket(ctx, ticket)) };
}
