import { sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import { startBatchLoop } from './batch-loop.js';

const BATCH = 1000;
const EVERY_MS = 10 * 60_000;

/**
 * What the plumbing tables keep, and for how long. Idempotency keys answer for 24 hours (the
 * API's promise); relayed events, finished jobs and Kafka dedupe records for `eventDays`, which
 * must cover the Kafka topics' retention. Unrelayed events, unfinished and dead jobs stay.
 */
const PRUNABLE = (eventDays: number) => [
  sql`delete from idempotency_keys where ctid in (select ctid from idempotency_keys
        where created_at < now() - interval '24 hours' limit ${BATCH})`,
  sql`delete from outbox where ctid in (select ctid from outbox
        where relayed_at < now() - make_interval(days => ${eventDays}) limit ${BATCH})`,
  sql`delete from queue_jobs where ctid in (select ctid from queue_jobs
        where done_at < now() - make_interval(days => ${eventDays}) limit ${BATCH})`,
  sql`delete from processed_events where ctid in (select ctid from processed_events
        where processed_at < now() - make_interval(days => ${eventDays}) limit ${BATCH})`,
];

/** Deletes one batch of expired rows from each plumbing table; returns the most from one table. */
export async function pruneRecords(ctx: Context): Promise<number> {
  let most = 0;
  for (const statement of PRUNABLE(ctx.config.eventRetentionDays)) {
    const result = await ctx.database.db.execute(statement);
    most = Math.max(most, result.rowCount ?? 0);
  }
  return most;
}

/** Prunes every ten minutes, at once again while a table had a whole batch to drop. */
export const startRetention = (ctx: Context, onError: (error: unknown) => void) =>
  startBatchLoop({
    runBatch: () => pruneRecords(ctx),
    batchSize: BATCH,
    idleMs: EVERY_MS,
    onError,
  });
