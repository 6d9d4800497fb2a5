import { sql } from 'drizzle-orm';
import type { CounterKind } from '../domain/counters.js';
import type { Queryable } from './connection.js';

/** Where each counter is shown. */
const TARGETS: Record<CounterKind, { table: string; column: string }> = {
  likes: { table: 'videos', column: 'like_count' },
  comments: { table: 'videos', column: 'comment_count' },
  replies: { table: 'comments', column: 'reply_count' },
  subscribers: { table: 'channels', column: 'subscriber_count' },
};

/**
 * The true count of every row that shows a counter, from the source rows: a like, a published
 * comment, a published reply in the thread, a subscription.
 */
const TRUE_COUNTS: Record<CounterKind, ReturnType<typeof sql>> = {
  likes: sql`select v.id, count(l.video_id) as n from videos v
             left join video_likes l on l.video_id = v.id group by v.id`,
  comments: sql`select v.id, count(c.id) as n from videos v
                left join comments c on c.video_id = v.id and c.state = 'published' group by v.id`,
  replies: sql`select t.id, count(r.id) as n from comments t
               left join comments r on r.thread_id = t.id and r.parent_id is not null
                and r.state = 'published'
               where t.parent_id is null group by t.id`,
  subscribers: sql`select ch.id, count(s.channel_id) as n from channels ch
                   left join subscriptions s on s.channel_id = ch.id group by ch.id`,
};

/**
 * Adds summed deltas to one kind of counter: one UPDATE, one row write per id, in id order so
 * two flushes never deadlock. A count never goes below zero.
 */
export async function addToCounters(
  db: Queryable,
  kind: CounterKind,
  deltas: readonly { id: string; delta: number }[],
): Promise<void> {
  if (deltas.length === 0) return;
  const { table, column } = TARGETS[kind];
  const sorted = [...deltas].sort((a, b) => (a.id < b.id ? -1 : 1));
  await db.execute(sql`
    update ${sql.identifier(table)} t
       set ${sql.identifier(column)} = greatest(t.${sql.identifier(column)} + d.delta, 0)
      from (select * from jsonb_to_recordset(${JSON.stringify(sorted)}::jsonb)
              as r(id uuid, delta bigint) order by id) d
     where t.id = d.id`);
}

/** Sets every counter of `kind` that differs from its source rows; answers the rows it fixed. */
export async function recountCounters(db: Queryable, kind: CounterKind): Promise<string[]> {
  const { table, column } = TARGETS[kind];
  const fixed = await db.execute<{ id: string }>(sql`
    update ${sql.identifier(table)} t set ${sql.identifier(column)} = c.n
      from (${TRUE_COUNTS[kind]}) c
     where t.id = c.id and t.${sql.identifier(column)} <> c.n
    returning t.id`);
  return fixed.rows.map((r) => r.id);
}
