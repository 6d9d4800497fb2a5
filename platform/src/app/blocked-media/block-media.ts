import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { type Blocklist, insertBlockedMedia } from '../../db/blocked-media.js';
import { type ApiBlockedMedia, blockedMediaView } from './blocked-media-view.js';

/**
 * Blocks a hash on a tenant's list, or the operator's (`tenantId` null) for every tenant;
 * blocking it again answers the first entry unchanged.
 */
export async function blockMedia(
  ctx: Context,
  input: { tenantId: Blocklist } & components['schemas']['CreateBlockedMediaRequest'],
): Promise<{ entry: ApiBlockedMedia; created: boolean }> {
  const { row, created } = await insertBlockedMedia(ctx.database.db, {
    tenantId: input.tenantId,
    sha256: input.sha256,
    reason: input.reason,
    note: input.note ?? null,
    // A millisecond time, so the list cursor (which holds milliseconds) names the row exactly.
    createdAt: new Date(),
  });
  return { entry: blockedMediaView(row), created };
}
