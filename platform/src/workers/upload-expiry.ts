import { EXPIRY_BATCH, expireUploads } from '../app/uploads/expire-uploads.js';
import type { Context } from '../context.js';
import { startBatchLoop } from './batch-loop.js';

/** Sweeps every `uploadSweepIntervalMs`, at once again while a whole batch expired. */
export const startUploadExpiry = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({
    runBatch: () => expireUploads(ctx),
    batchSize: EXPIRY_BATCH,
    idleMs: ctx.config.uploadSweepIntervalMs,
    onError,
  });
