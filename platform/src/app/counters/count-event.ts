import type { Context } from '../../context.js';
import { countsOf } from '../../domain/counters.js';
import type { BusEvent } from '../../ports/event-bus.js';

/**
 * Adds one counting event's deltas to the counter store, once per event id: a redelivered
 * event (at-least-once delivery) adds nothing.
 */
export async function countEvent(ctx: Context, event: BusEvent): Promise<void> {
  await ctx.cache.addCounts(event.eventId, countsOf(event.topic, event.payload));
}
