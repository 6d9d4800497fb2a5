import type { Context } from '../../context.js';
import { deleteBlockedMedia } from '../../db/blocked-media.js';
import { notFound } from '../../domain/errors.js';

/** Removes a hash from the tenant's blocklist; videos it failed stay failed. */
export async function unblockMedia(ctx: Context, input: { tenantId: string; entryId: string }) {
  if (!(await deleteBlockedMedia(ctx.database.db, input.tenantId, input.entryId))) {
    throw notFound('Blocked media');
  }
}
