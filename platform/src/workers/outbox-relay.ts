import type { Context } from '../context.js';
import { listen } from '../db/notifications.js';
import { relayBatch } from '../db/outbox.js';

const BATCH = 500;
const POLL_MS = 1000;

/** Moves committed outbox rows onto the bus, woken by NOTIFY, polling as a fallback. */
export function startOutboxRelay(ctx: Context, onError: (error: unknown) => void) {
  let stopped = false;
  let wake = () => {};
  const listener = listen(ctx.database.url, 'reel_outbox', () => wake());
  const loop = async () => {
    while (!stopped) {
      let moved = 0;
      try {
        moved = await relayBatch(ctx.database.db, BATCH, (events) => ctx.bus.publish(events));
      } catch (error) {
        onError(error);
      }
      if (moved < BATCH) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      wake();
      await running;
      await listener.stop();
    },
  };
}
