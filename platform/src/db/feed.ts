import { sql } from 'drizzle-orm';
import type { FeedPosition } from '../domain/feed-cursor.js';
import type { Queryable } from './connection.js';

/**
 * The newest public, ready videos of the channels a viewer subscribes to, fanned out on read:
 * one short scan of `videos_channel_feed_idx` per subscription (each stops after `limit` rows),
 * then the newest `limit` of those. The work grows with subscriptions × page size, never with
 * how many videos the channels hold.
 */
export async function feedVideoIds(db: Queryable, input: FeedQuery): Promise<FeedPosition[]> {
  const { rows } = await db.execute<{ id: string; published_at: string }>(feedQuery(input));
  return rows.map((r) => ({ id: r.id, publishedAt: r.published_at }));
}

export interface FeedQuery {
  tenantId: string;
  viewerId: string;
  after?: FeedPosition;
  limit: number;
}

/** The feed's one statement, also for `explain` (the plan test keeps it an index walk). */
export function feedQuery(input: FeedQuery) {
  // `nulls last` as the index is built, or Postgres sorts each channel's rows itself.
  const after = input.after
    ? sql`and (v.published_at, v.id) < (${input.after.publishedAt}::timestamptz, ${input.after.id}::uuid)`
    : sql``;
  return sql`
    select v.id,
           to_char(v.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as published_at
      from subscriptions s
     cross join lateral (
       select v.id, v.published_at
         from videos v
        where v.tenant_id = s.tenant_id
          and v.channel_id = s.channel_id
          and v.status = 'ready' and v.visibility = 'public' and v.deleted_at is null
          and v.published_at is not null
          ${after}
        order by v.published_at desc nulls last, v.id desc nulls last
        limit ${input.limit}
     ) v
     where s.tenant_id = ${input.tenantId} and s.viewer_id = ${input.viewerId}
     order by v.published_at desc nulls last, v.id desc nulls last
     limit ${input.limit}`;
}
