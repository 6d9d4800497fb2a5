import { PRUNE_BATCH, pruneRecords } from '../app/retention/prune-records.js';
import type { Context } from '../context.js';
import { startBatchLoop } from './batch-loop.js';

const EVERY_MS = 10 * 60_000;

/** Prunes every ten minutes, at once again while a table had a whole batch to drop. */
export const startRetention = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({
    runBatch: () => pruneRecords(ctx),
    batchSize: PRUNE_BATCH,
    idleMs: EVERY_MS,
    onError,
  });
