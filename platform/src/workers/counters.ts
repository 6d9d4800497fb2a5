import { countEvent } from '../app/counters/count-event.js';
import { flushCounts } from '../app/counters/flush-counts.js';
import { reconcileCounts } from '../app/counters/reconcile-counts.js';
import type { Context } from '../context.js';
import type { Delivery } from '../ports/event-bus.js';

/** `events.likes`, `events.comments`, `events.subscriptions` → deltas in the counter store. */
export const counterWorker =
  (ctx: Context) =>
  ({ event }: Delivery) =>
    countEvent(ctx, event);

/**
 * Every flush interval, applies the summed deltas to Postgres; every reconcile interval (and
 * once at start, after a crash that lost deltas) recounts from the rows. One loop runs both,
 * so a recount never interleaves with this process's own flush.
 */
export function startCounterFlush(ctx: Context, onError: (error: unknown) => void) {
  const { flushIntervalMs, reconcileIntervalSec } = ctx.config.counters;
  let stopped = false;
  let wake = () => {};
  let nextRecount = 0;
  const loop = async () => {
    while (!stopped) {
      try {
        await flushCounts(ctx);
        if (Date.now() >= nextRecount) {
          nextRecount = Date.now() + reconcileIntervalSec * 1000;
          await reconcileCounts(ctx);
        }
      } catch (error) {
        onError(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, flushIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    // What was counted before the stop is written, not left to the next recount.
    await flushCounts(ctx).catch(onError);
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
