import { FANOUT_CHUNK, fanOutNextChunk } from '../app/notifications/fan-out.js';
import { notifyFromEvents } from '../app/notifications/notify-from-events.js';
import {
  NOTIFICATION_PRUNE_BATCH,
  pruneOldNotifications,
} from '../app/notifications/prune-notifications.js';
import type { Context } from '../context.js';
import { CONSUMER_GROUPS } from '../domain/event-routes.js';
import type { Consumer } from '../ports/event-bus.js';
import { startBatchLoop } from './batch-loop.js';

/** Another process may have left a fan-out half done; look for one this often. */
const FANOUT_POLL_MS = 1_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The notifications role: events become stored notifications in batches; channels' fan-outs
 * are walked apart, a chunk per transaction, so a reply never waits behind 100,000 subscribers.
 */
export function startNotifications(ctx: Context, onError: (error: unknown) => void): Consumer[] {
  const fanout = startBatchLoop({
    runBatch: () => fanOutNextChunk(ctx),
    batchSize: FANOUT_CHUNK,
    idleMs: FANOUT_POLL_MS,
    onError,
  });
  const consumer = ctx.bus.consumeBatches(
    'notifications',
    CONSUMER_GROUPS.notifications,
    async (events) => {
      if (await notifyFromEvents(ctx, events)) fanout.wake();
    },
    { concurrency: 4, batchSize: 64, leaseSec: 30, maxAttempts: 10 },
  );
  const prune = startBatchLoop({
    runBatch: () => pruneOldNotifications(ctx),
    batchSize: NOTIFICATION_PRUNE_BATCH,
    idleMs: PRUNE_EVERY_MS,
    onError,
  });
  return [consumer, fanout, prune];
}
