import type { Context } from '../../context.js';
import { pruneAnalytics as deleteOlder } from '../../db/analytics-sessions.js';
import { RETENTION_DAYS } from '../../domain/analytics-sessions.js';

export const PRUNE_BATCH = 5_000;

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000);

/** Deletes sessions and rollups past their retention, a batch at a time. */
export const pruneAnalytics = (ctx: Context) =>
  deleteOlder(
    ctx.database.db,
    {
      sessions: daysAgo(RETENTION_DAYS.sessions),
      hourly: daysAgo(RETENTION_DAYS.hourly),
      daily: daysAgo(RETENTION_DAYS.daily),
    },
    PRUNE_BATCH,
  );
