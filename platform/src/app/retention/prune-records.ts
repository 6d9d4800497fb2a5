import type { Context } from '../../context.js';
import { pruneExpiredRecords } from '../../db/retention.js';

/** Rows deleted per table and run. */
export const PRUNE_BATCH = 1000;

/** Deletes one batch of expired plumbing rows from each table; returns the most from one table. */
export const pruneRecords = (ctx: Context): Promise<number> =>
  pruneExpiredRecords(ctx.database.db, {
    eventDays: ctx.config.eventRetentionDays,
    batch: PRUNE_BATCH,
  });
