import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listEntries } from '../../db/watch-history.js';
import { listPage } from '../list-page.js';

export interface ViewerOfTenant {
  tenantId: string;
  viewerId: string;
}

/** The viewer's history, newest first, leaving out videos they can no longer watch. */
export function listHistory(
  ctx: Context,
  input: ViewerOfTenant & { cursor?: string; limit?: number },
): Promise<components['schemas']['WatchHistoryList']> {
  return listPage(
    input,
    async (after, limit) =>
      (await listEntries(ctx.database.db, input.tenantId, input.viewerId, after, limit)).map(
        (row) => ({ ...row, id: row.videoId, createdAt: row.updatedAt }),
      ),
    (row) => ({
      video_id: row.videoId,
      title: row.title,
      duration_sec: row.durationSec,
      position_sec: row.positionSec,
      finished: row.finished,
      watched_at: row.updatedAt.toISOString(),
    }),
  );
}
