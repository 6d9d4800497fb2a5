import type { Context } from '../../context.js';
import { listLiveStreams as listRows } from '../../db/live-streams.js';
import { listPage } from '../list-page.js';
import { liveStreamView } from './live-stream-view.js';

/** A tenant's live streams, newest first. */
export function listLiveStreams(
  ctx: Context,
  input: { tenantId: string; cursor?: string; limit?: number },
) {
  return listPage(
    input,
    (after, limit) => listRows(ctx.database.db, input.tenantId, { after, limit }),
    (row) => liveStreamView(row, ctx.config.live),
  );
}
