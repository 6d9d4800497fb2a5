import { RELAY_BATCH, relayOutbox, watchOutbox } from '../app/outbox/relay-outbox.js';
import type { Context } from '../context.js';
import { startBatchLoop } from './batch-loop.js';

// Counting events (events.*) wake no one (migration 0018): they wait at most this long.
const POLL_MS = 250;

/** Moves committed outbox rows onto the bus, woken by NOTIFY, polling as a fallback. */
export function startOutboxRelay(ctx: Context, onError: (error: unknown) => void) {
  const loop = startBatchLoop({
    runBatch: () => relayOutbox(ctx),
    batchSize: RELAY_BATCH,
    idleMs: POLL_MS,
    onError,
  });
  const listener = watchOutbox(ctx, loop.wake);
  return {
    async stop() {
      await loop.stop();
      await listener.stop();
    },
  };
}
