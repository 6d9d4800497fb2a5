import type { Context } from '../../context.js';
import { advanceFanout, claimFanout, fanOutChunk } from '../../db/viewer-notifications.js';
import type { ApiNotification } from '../../ports/notification-hub.js';
import { isoOf } from './notification-view.js';

/** Subscribers notified per statement: one short transaction each, so a crash loses one chunk. */
export const FANOUT_CHUNK = 1_000;

/**
 * Notifies the next chunk of subscribers of the oldest waiting fan-out and remembers how far it
 * got in the same transaction, so a crashed worker's successor goes on from there. Answers
 * `size` when it found work, 0 when nothing waits.
 */
export async function fanOutNextChunk(ctx: Context, size = FANOUT_CHUNK): Promise<number> {
  const result = await ctx.database.db.transaction(async (tx) => {
    const fanout = await claimFanout(tx);
    if (!fanout) return undefined;
    const chunk = await fanOutChunk(tx, fanout, size);
    await advanceFanout(tx, fanout.sourceEventId, chunk.last);
    return { fanout, chunk };
  });
  if (!result) return 0;
  const { fanout, chunk } = result;
  const [first] = chunk.made;
  if (first) {
    await ctx.notifications.publish({
      tenantId: fanout.tenantId,
      kind: 'video_published',
      data: fanout.payload as ApiNotification['data'],
      createdAt: isoOf(first.createdAt),
      recipients: chunk.made,
    });
  }
  // Work was found, so more may wait: the loop comes back at once.
  return size;
}
