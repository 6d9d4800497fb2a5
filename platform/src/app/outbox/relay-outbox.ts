import type { Context } from '../../context.js';
import { listen } from '../../db/notifications.js';
import { relayBatch } from '../../db/outbox.js';

/** How many outbox rows one relay pass moves at most. */
export const RELAY_BATCH = 2000;

/** Moves one batch of committed outbox rows onto the bus; returns how many it moved. */
export const relayOutbox = (ctx: Context): Promise<number> =>
  relayBatch(ctx.database.db, RELAY_BATCH, (events) => ctx.bus.publish(events));

/** Calls `onCommit` when outbox rows commit (NOTIFY), or when some may have been missed. */
export const watchOutbox = (ctx: Context, onCommit: () => void) =>
  listen(ctx.database.url, 'reel_outbox', onCommit);
