import type { Context } from '../../context.js';
import { listBlockedMedia as listRows } from '../../db/blocked-media.js';
import { listPage } from '../list-page.js';
import { blockedMediaView } from './blocked-media-view.js';

/** The tenant's blocked hashes, newest first. */
export function listBlockedMedia(
  ctx: Context,
  input: { tenantId: string; cursor?: string; limit?: number },
) {
  return listPage(
    input,
    (after, limit) => listRows(ctx.database.db, input.tenantId, { after, limit }),
    blockedMediaView,
  );
}
