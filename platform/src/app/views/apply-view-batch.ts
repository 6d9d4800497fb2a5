import type { Context } from '../../context.js';
import { countViews } from '../../db/videos.js';
import { applyWatchProgress, type WatchProgressInput } from './record-watch-progress.js';

/**
 * A batch of `events.views` in one transaction: the viewers' reports into their histories, then
 * the counted views onto every video in one statement. Together, so a retry of a failed batch
 * redoes both or neither: applying reports again changes nothing, and a view counts once.
 */
export async function applyViewBatch(
  ctx: Context,
  histories: readonly WatchProgressInput[],
  viewsByVideo: ReadonlyMap<string, number> = new Map(),
) {
  if (histories.length === 0 && viewsByVideo.size === 0) return;
  await ctx.database.db.transaction(async (tx) => {
    await applyWatchProgress(tx, histories);
    await countViews(tx, viewsByVideo);
  });
}
