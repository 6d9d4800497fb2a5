import type { Context } from '../../context.js';
import { rowsAfter, type ViewerKey } from '../../db/viewer-notifications.js';
import type { ApiNotification } from '../../ports/notification-hub.js';
import { replayThenFollow, rowsInPagesAfter } from '../replay-then-follow.js';
import { notificationView } from './notification-view.js';

/**
 * Sends the viewer's notifications stored after `lastEventId` (a reconnect), then each new
 * one as the hub brings it, each once. Answers the stop.
 */
export async function openNotificationStream(
  ctx: Context,
  key: ViewerKey,
  lastEventId: string | undefined,
  send: (notification: ApiNotification) => void,
): Promise<() => void> {
  const db = ctx.database.db;
  return replayThenFollow({
    subscribe: (deliver) => ctx.notifications.subscribe(key.tenantId, key.viewerId, deliver),
    async *replay() {
      const rows = rowsInPagesAfter(
        lastEventId || undefined,
        (after, limit) => rowsAfter(db, key, after, limit),
        (row) => row.id,
      );
      for await (const row of rows) yield notificationView(row);
    },
    replayedId: (n) => n.id,
    send,
  });
}
