import { runErasureBatch } from '../app/privacy/run-erasure-batch.js';
import type { Context } from '../context.js';
import { startBatchLoop } from './batch-loop.js';

/** Erasures are asked for by hand and rarely: a look every second is cheap and soon enough. */
const IDLE_MS = 1_000;

/** Runs erasure batches back to back while any did work, else looks again after IDLE_MS. */
export const startViewerErasure = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({ runBatch: () => runErasureBatch(ctx), batchSize: 1, idleMs: IDLE_MS, onError });
