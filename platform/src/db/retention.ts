import { sql } from 'drizzle-orm';
import type { Queryable } from './connection.js';

/**
 * What the plumbing tables keep, and for how long. Idempotency keys answer for 24 hours (the
 * API's promise); relayed events, finished jobs and Kafka dedupe records for `eventDays`, which
 * must cover the Kafka topics' retention. Unrelayed events, unfinished and dead jobs stay.
 */
const PRUNABLE = (eventDays: number, batch: number) => [
  sql`delete from idempotency_keys where ctid in (select ctid from idempotency_keys
        where created_at < now() - interval '24 hours' limit ${batch})`,
  sql`delete from outbox where ctid in (select ctid from outbox
        where relayed_at < now() - make_interval(days => ${eventDays}) limit ${batch})`,
  sql`delete from queue_jobs where ctid in (select ctid from queue_jobs
        where done_at < now() - make_interval(days => ${eventDays}) limit ${batch})`,
  sql`delete from processed_events where ctid in (select ctid from processed_events
        where processed_at < now() - make_interval(days => ${eventDays}) limit ${batch})`,
];

/** Deletes up to `batch` expired rows from each plumbing table; returns the most from one table. */
export async function pruneExpiredRecords(
  db: Queryable,
  options: { eventDays: number; batch: number },
): Promise<number> {
  let most = 0;
  for (const statement of PRUNABLE(options.eventDays, options.batch)) {
    const result = await db.execute(statement);
    most = Math.max(most, result.rowCount ?? 0);
  }
  return most;
}
