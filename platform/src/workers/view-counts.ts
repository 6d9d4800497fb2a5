import { countView } from '../app/views/count-view.js';
import { syncViewCounts, VIEW_SYNC_BATCH } from '../app/views/sync-view-counts.js';
import type { Context } from '../context.js';
import type { Delivery } from '../ports/event-bus.js';
import { startBatchLoop } from './batch-loop.js';

const EVERY_MS = 30_000;

/** `events.views` → one more on the video's `view_count`. */
export const viewCountWorker =
  (ctx: Context) =>
  ({ event }: Delivery) =>
    countView(ctx, event.key);

/**
 * The search index gets changed counts in batches every 30 s instead of a write per view, so
 * `most_viewed` search lags by that much.
 */
export const startViewCountSync = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({
    runBatch: () => syncViewCounts(ctx),
    batchSize: VIEW_SYNC_BATCH,
    idleMs: EVERY_MS,
    onError,
  });
