import { ingestViewReports } from '../app/analytics/ingest-view-reports.js';
import { PRUNE_BATCH, pruneAnalytics } from '../app/analytics/prune-analytics.js';
import type { Context } from '../context.js';
import type { BusEvent } from '../ports/event-bus.js';
import { startBatchLoop } from './batch-loop.js';

/** `events.views`, by the batch → sessions and the hourly and daily rollups. */
export const analyticsWorker = (ctx: Context) => (events: readonly BusEvent[]) =>
  ingestViewReports(ctx, events);

/** Old sessions and rollups go once an hour, in batches, so a delete never holds locks long. */
export const startAnalyticsPruning = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({
    runBatch: () => pruneAnalytics(ctx),
    batchSize: PRUNE_BATCH,
    idleMs: 3600_000,
    onError,
  });
