import type { Context } from '../../context.js';
import { type Blocklist, listBlockedMedia as listRows } from '../../db/blocked-media.js';
import { listPage } from '../list-page.js';
import { blockedMediaView } from './blocked-media-view.js';

/** A tenant's blocked hashes, or the operator's (`tenantId` null), newest first. */
export function listBlockedMedia(
  ctx: Context,
  input: { tenantId: Blocklist; cursor?: string; limit?: number },
) {
  return listPage(
    input,
    (after, limit) => listRows(ctx.database.db, input.tenantId, { after, limit }),
    blockedMediaView,
  );
}
