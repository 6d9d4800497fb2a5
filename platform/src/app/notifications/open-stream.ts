import type { Context } from '../../context.js';
import { rowsAfter, type ViewerKey } from '../../db/viewer-notifications.js';
import type { ApiNotification } from '../../ports/notification-hub.js';
import { notificationView } from './notification-view.js';

const REPLAY_PAGE = 500;

/**
 * Sends the viewer's notifications stored after `lastEventId` (a reconnect), then each new
 * one as the hub brings it, each once. It listens before it reads, holding back what arrives
 * meanwhile, so nothing made between the two is lost. Answers the stop.
 */
export async function openNotificationStream(
  ctx: Context,
  key: ViewerKey,
  lastEventId: string | undefined,
  send: (notification: ApiNotification) => void,
): Promise<() => void> {
  // What the catch-up sent: the hub may still bring those. Live ones come once by themselves.
  const sent = new Set<string>();
  let held: ApiNotification[] | undefined = [];
  const sendOnce = (n: ApiNotification) => {
    if (sent.has(n.id)) return;
    sent.add(n.id);
    send(n);
  };
  const stop = await ctx.notifications.subscribe(key.tenantId, key.viewerId, (n) => {
    if (held) held.push(n);
    else if (!sent.has(n.id)) send(n);
  });
  try {
    let after = lastEventId;
    while (after) {
      const rows = await rowsAfter(ctx.database.db, key, after, REPLAY_PAGE);
      for (const row of rows) sendOnce(notificationView(row));
      after = rows.length === REPLAY_PAGE ? rows.at(-1)?.id : undefined;
    }
  } catch (error) {
    stop();
    throw error;
  }
  const waiting = held;
  held = undefined;
  for (const n of waiting) sendOnce(n);
  return stop;
}
