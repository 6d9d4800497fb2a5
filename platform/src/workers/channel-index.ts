import { CHANNEL_SYNC_BATCH, syncChannelIndex } from '../app/search/sync-channel-index.js';
import type { Context } from '../context.js';
import { startBatchLoop } from './batch-loop.js';

/** Channel changes reach the search index within about this long. */
const EVERY_MS = 1_000;

/** The index role's channel half: sends changed channels to the search index (see syncChannelIndex). */
export const startChannelIndexSync = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({
    runBatch: () => syncChannelIndex(ctx),
    batchSize: CHANNEL_SYNC_BATCH,
    idleMs: EVERY_MS,
    onError,
  });
