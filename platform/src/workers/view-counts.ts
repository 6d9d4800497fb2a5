import type { Context } from '../context.js';
import { countView, markViewsIndexed, unindexedViewCounts } from '../db/videos.js';
import type { Delivery } from '../ports/event-bus.js';
import { startBatchLoop } from './batch-loop.js';

const BATCH = 500;
const EVERY_MS = 30_000;

/** `events.views` → one more on the video's `view_count`. */
export const viewCountWorker =
  (ctx: Context) =>
  ({ event }: Delivery) =>
    countView(ctx.database.db, event.key);

/** Sends one batch of changed view counts to the search index; returns how many it sent. */
export async function syncViewCounts(ctx: Context): Promise<number> {
  const counts = await unindexedViewCounts(ctx.database.db, BATCH);
  await ctx.search.updateViews(counts);
  await markViewsIndexed(ctx.database.db, counts);
  return counts.length;
}

/**
 * The search index gets changed counts in batches every 30 s instead of a write per view, so
 * `most_viewed` search lags by that much.
 */
export const startViewCountSync = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({
    runBatch: () => syncViewCounts(ctx),
    batchSize: BATCH,
    idleMs: EVERY_MS,
    onError,
  });
