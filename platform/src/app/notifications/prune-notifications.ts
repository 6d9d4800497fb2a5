import type { Context } from '../../context.js';
import { pruneNotifications } from '../../db/viewer-notifications.js';

export const NOTIFICATION_PRUNE_BATCH = 5_000;

const DAY_MS = 86_400_000;

/** Drops read notifications past the short retention and every one past the long one. */
export function pruneOldNotifications(ctx: Context, now = Date.now()): Promise<number> {
  const { readDays, allDays } = ctx.config.notificationRetention;
  return pruneNotifications(
    ctx.database.db,
    { readBefore: new Date(now - readDays * DAY_MS), allBefore: new Date(now - allDays * DAY_MS) },
    NOTIFICATION_PRUNE_BATCH,
  );
}
