import type { Context } from '../context.js';
import { listen } from '../db/notifications.js';
import { relayBatch } from '../db/outbox.js';
import { startBatchLoop } from './batch-loop.js';

const BATCH = 500;
const POLL_MS = 1000;

/** Moves committed outbox rows onto the bus, woken by NOTIFY, polling as a fallback. */
export function startOutboxRelay(ctx: Context, onError: (error: unknown) => void) {
  const loop = startBatchLoop({
    runBatch: () => relayBatch(ctx.database.db, BATCH, (events) => ctx.bus.publish(events)),
    batchSize: BATCH,
    idleMs: POLL_MS,
    onError,
  });
  const listener = listen(ctx.database.url, 'reel_outbox', loop.wake);
  return {
    async stop() {
      await loop.stop();
      await listener.stop();
    },
  };
}
