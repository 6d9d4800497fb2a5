import type { Context } from '../../context.js';
import { listen } from '../../db/notifications.js';
import { relayBatch } from '../../db/outbox.js';

/** How many outbox rows one relay pass moves at most. */
export const RELAY_BATCH = 2000;

/**
 * Moves one batch of committed outbox rows onto the bus; returns how many it moved. A traced
 * event gets a producer span in its own trace, and carries that span on to its consumers.
 */
export const relayOutbox = (ctx: Context): Promise<number> =>
  relayBatch(ctx.database.db, RELAY_BATCH, async (events) => {
    const spans = events.map((e) =>
      e.traceContext
        ? ctx.tracing.startSpan(`send ${e.topic}`, {
            kind: 'producer',
            parent: e.traceContext,
            attributes: { 'messaging.destination.name': e.topic, 'reel.event_id': e.eventId },
          })
        : undefined,
    );
    const carried = events.map((e, i) => ({ ...e, traceContext: spans[i]?.carrier() ?? null }));
    try {
      await ctx.bus.publish(carried);
    } catch (error) {
      for (const span of spans) span?.end(error);
      throw error;
    }
    for (const span of spans) span?.end();
  });

/** Calls `onCommit` when outbox rows commit (NOTIFY), or when some may have been missed. */
export const watchOutbox = (ctx: Context, onCommit: () => void) =>
  listen(ctx.database.url, 'reel_outbox', onCommit);
