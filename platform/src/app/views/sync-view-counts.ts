import type { Context } from '../../context.js';
import { markViewsIndexed, unindexedViewCounts } from '../../db/videos.js';

/** How many changed counts one sync sends at most. */
export const VIEW_SYNC_BATCH = 500;

/** Sends one batch of changed view counts to the search index; returns how many it sent. */
export async function syncViewCounts(ctx: Context): Promise<number> {
  const counts = await unindexedViewCounts(ctx.database.db, VIEW_SYNC_BATCH);
  await ctx.search.updateViews(counts);
  await markViewsIndexed(ctx.database.db, counts);
  return counts.length;
}
