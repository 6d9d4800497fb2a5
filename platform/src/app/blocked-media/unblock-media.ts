import type { Context } from '../../context.js';
import { type Blocklist, deleteBlockedMedia } from '../../db/blocked-media.js';
import { notFound } from '../../domain/errors.js';

/** Removes a hash from a tenant's blocklist or the operator's; videos it failed stay failed. */
export async function unblockMedia(ctx: Context, input: { tenantId: Blocklist; entryId: string }) {
  if (!(await deleteBlockedMedia(ctx.database.db, input.tenantId, input.entryId))) {
    throw notFound('Blocked media');
  }
}
